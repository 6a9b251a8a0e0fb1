"""Errors of server.observations: a stable code and HTTP status each (see server/errors.py)."""

from server.errors import ApiError


class AlreadyDone(ApiError):
    status = 409
    code = "already_settled"
    message = "This has already been settled."


class MergeOfDeleted(ApiError):
    status = 409
    code = "observation_deleted"
    message = (
        "One of the two observations was deleted since the duplicate was spotted: "
        "there is nothing to merge."
    )


class NotADuplicatePair(ApiError):
    status = 422
    code = "not_a_duplicate_pair"
    message = (
        "These two observations were never flagged as possible duplicates: there is no pair "
        "to decide on."
    )


class ObservationMerged(ApiError):
    status = 409
    code = "observation_merged"
    message = "This observation was merged into another: decide on that one."

    def __init__(self, survivor_uuid: str):
        super().__init__(
            f"This observation was merged into {survivor_uuid}, which holds its values now: "
            "decide on that one."
        )


class WrongGroup(ApiError):
    status = 422
    code = "walker_file_wrong_group"
    message = "This walker file was saved by a member of another group."


class UnknownWalker(ApiError):
    status = 422
    code = "walker_file_unknown_walker"
    message = "The walker who saved this file is not a member of this group."


class Unproven(ApiError):
    status = 422
    code = "walker_file_unproven"
    message = "Nothing proves that the walker's phone saved this file."

    def __init__(self, pseudonym: str):
        super().__init__(
            f"Nothing proves that {pseudonym}'s phone saved this file (an older version of the "
            f"app, an edited file, or a file naming somebody else). Import it as {pseudonym}'s "
            "only if you know it is: ask again with ?unproven=accept."
        )


class OsmNodeUnknown(ApiError):
    status = 422
    code = "osm_node_unknown"
    message = "This OSM node is not among the cameras camwalk has fetched."


class OsmNodeTaken(ApiError):
    status = 409
    code = "osm_node_taken"
    message = "Another observation already names this OSM node."


class OsmLinkSettled(ApiError):
    status = 409
    code = "osm_link_settled"
    message = "This observation was uploaded to OpenStreetMap: its node can no longer change."


class EpochChanged(ApiError):
    """The phone's cursor comes from another copy of the database (a restore since), or is
    past anything this group's rows hold (a database put back by other means, or a client
    that kept another group's cursor: the server cannot tell which)."""

    status = 409
    code = "epoch_changed"
    message = (
        "This cursor was not given by the server's database as it is now (the database was "
        "restored from a backup since this device last synced, or the cursor is another "
        "group's): pull everything again from cursor 0 and send again what the server lacks."
    )
