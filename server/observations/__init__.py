"""Observations on the server: the sync round trip of docs/sync-protocol.md (`push`, `routes`),
what organisers settle (`organise`, `organise_routes`), the one writer of observation state and
revisions (`writer`), rows to engine states and back (`convert`), the wire format (`schemas`,
`answer_schemas`, `views`), duplicate candidates near new observations (`nearby`) and this
package's errors (`errors`). The rules themselves are in `sync/`: this package loads rows,
calls them and stores what they decide."""
