// Organisers' words. Kept out of the walkers' dictionaries so that walkers
// never download them: this module is merged in when the organiser screens load.
import { DICTIONARIES } from '../../i18n/index.js';

export const fr = {
  'org.title': 'Organisation',
  'org.open': 'Espace organisation',
  'org.back': 'Retour à la carte',
  'org.walk': 'Balade',
  'org.allWalks': 'Toutes les balades',
  'org.tab.review': 'À valider',
  'org.tab.conflicts': 'Conflits',
  'org.tab.summary': 'Bilan',
  'org.tab.exports': 'Exports et OSM',
  'org.tab.public': 'Carte publique',
  'org.tab.walks': 'Balades',
  'org.tab.people': 'Membres',
  'org.loading': 'Chargement…',
  'org.error': 'Échec\u00a0: {msg}',
  'org.forbidden': 'Réservé à l’organisation.',

  'rev.empty': 'Rien à valider\u00a0: toutes les caméras de cette balade ont été vues.',
  'rev.count': '{i} / {n} à valider',
  'rev.listBefore': '↑ Voir les précédentes ({n})',
  'rev.listAfter': '↓ Voir les suivantes ({n})',
  'rev.keys': 'Raccourcis\u00a0: A valider · R refuser · J suivante · K précédente · E modifier',
  'rev.approve': 'Valider',
  'rev.reject': 'Refuser',
  'rev.next': 'Suivante',
  'rev.prev': 'Précédente',
  'rev.reason': 'Raison du refus',
  'rev.confirmReject': 'Refuser avec cette raison',
  'rev.approved': 'Validée.',
  'rev.rejected': 'Refusée.',
  'rev.by': 'Relevée par {who} le {date}',
  'rev.accuracy': 'Précision GPS\u00a0: {m} m',
  'rev.noPhoto': 'Pas de photo',
  'rev.photoFailed': 'Photo indisponible',
  'rev.osmNear': 'Caméra OSM n° {id} à {m} m',
  'rev.osmNearKind': 'Nœud OSM n° {id} à {m} m, d’un autre type dans OSM\u00a0: {kind}',
  'rev.osmNone': 'Aucune caméra OpenStreetMap à proximité\u00a0: ce sera une création.',
  'rev.osmLinked': 'Met à jour le nœud OSM n° {id}',
  'rev.dupHint': 'Doublon possible à {m} m',
  'rev.dupHintUnknown': 'Doublon possible, à une distance inconnue',
  'rev.dupBadge': 'doublon possible',
  'rev.compare': 'Comparer\u00a0: même caméra\u00a0?',
  'rev.edit': 'Modifier',
  'rev.save': 'Enregistrer la modification',
  'rev.cancel': 'Annuler',
  'rev.movePin': 'Faites glisser l’épingle pour corriger la position.',
  'rev.saved': 'Modification envoyée.',
  'rev.savedQueued': 'Modification enregistrée\u00a0; elle part vers le serveur dès que possible.',
  // A camera type or mount a guard or gunshot detector holds from before (reviewviews.js cameraRows).
  'rev.notForKind':
    '{value} (sans objet pour ce dispositif, jamais envoyé à OpenStreetMap\u00a0; une modification enregistrée l’efface)',
  'rev.notLocal': 'Cette caméra n’est pas encore sur cet appareil\u00a0: synchronisez d’abord.',
  'rev.history': 'Historique',
  'rev.note': 'Note du relevé',
  'rev.since': 'Modifiée depuis sa validation',
  'rev.conflicts': 'Conflit ouvert\u00a0: à régler (onglet Conflits) avant de la valider',
  'rev.goneMeanwhile':
    'Cette caméra n’est plus à valider\u00a0: quelqu’un l’a traitée ou supprimée entre-temps. Rien n’a été décidé ici.',
  'rev.sinceSame': 'Les valeurs sont revenues à celles validées.',
  'rev.sinceShown':
    'La carte publique et l’export OSM gardent les valeurs validées jusqu’à la prochaine validation.',
  'rev.gone.row': 'disparue',
  'rev.gone.heading': 'signalée disparue',
  'rev.gone.badge': 'Disparue',
  'rev.gone.badgeDelete': 'suppr. OSM',
  'rev.gone.rowTitle': 'Signalée disparue\u00a0: nœud OSM n° {id}',
  'rev.gone.title': 'Signalée disparue\u00a0: ce n’est pas une nouvelle caméra',
  'rev.gone.deletes':
    'Un·e marcheur·se dit que la caméra du nœud OSM n° {id} n’est plus là. La valider supprime ce nœud d’OpenStreetMap (export osmChange et envoi).',
  'rev.gone.keepsNode':
    'Un·e marcheur·se dit que la caméra du nœud OSM n° {id} n’est plus là. L’export ne supprimera pas ce nœud\u00a0: voir la partie OpenStreetMap plus bas.',
  'rev.gone.noNode':
    'Un·e marcheur·se dit qu’une caméra n’est plus là, mais aucun nœud OSM n’y est lié\u00a0: la valider ne supprime rien dans OpenStreetMap.',
  'rev.gone.approve': 'Valider et supprimer le nœud',
  'rev.sinceChoice':
    'Refuser retire la caméra de la carte publique et de l’export OSM. Pour refuser seulement la modification, gardez la version validée.',
  'rev.keep': 'Garder la version validée',
  'rev.kept': 'Version validée gardée\u00a0: la modification est annulée, la caméra reste publiée.',
  'rev.keysKeep': 'G garder la version validée',
  'rev.rejectWithdraws':
    'Refuser retire cette caméra, validée auparavant, de la carte publique et de l’export OSM. Pour refuser seulement la modification\u00a0: «\u00a0Garder la version validée\u00a0».',

  'merge.title': 'Fusionner deux relevés',
  // Trait d’union insécable : à 390 px, « celle- » restait seul au bout de la ligne.
  'merge.keep': 'Garder celle\u2011ci',
  'merge.take': 'Prendre cette valeur',
  'merge.do': 'Fusionner dans la caméra gardée',
  'merge.done': 'Fusionnées\u00a0: les photos des deux relevés sont gardées.',
  'merge.doneCleared':
    'Fusionnées\u00a0: les photos des deux relevés sont gardées. {who} avait dit le {date} que ce n’était pas la même caméra\u00a0: cette réponse est levée (l’historique des deux relevés la garde).',
  // A camera type or mount a guard or gunshot detector holds from before (mergeviews.js fieldTexts).
  'merge.notForKind': '{value} (sans objet pour ce dispositif, jamais envoyé à OpenStreetMap)',
  'merge.survivor': 'gardée',
  'merge.other': 'absorbée',
  'merge.distance': 'à {m} m l’une de l’autre',
  'merge.status.pending': 'À valider',
  'merge.status.approved': 'Validée',
  'merge.status.rejected': 'Refusée',
  'merge.conflicts': 'Conflits ouverts\u00a0: {n}',
  'merge.unpublishes':
    'La caméra gardée n’est pas validée\u00a0: la caméra fusionnée quitte la carte publique et l’export OSM jusqu’à ce qu’elle soit validée.',

  // « Pas la même caméra » : deux relevés signalés comme doublons possibles que
  // l’organisation sait être deux caméras, et le retour en arrière.
  'merge.distinct': 'Pas la même caméra',
  'merge.distinctHelp':
    'Deux caméras distinctes (sur un même poteau, par exemple)\u00a0: la paire n’est plus signalée comme doublon possible, ni ici, ni sur la carte publique, ni dans les exports.',
  'merge.distinctDone': 'Noté\u00a0: deux caméras distinctes, la paire n’est plus signalée.',
  'rev.notDup': 'Pas la même caméra que celle à {m} m ({who}, {date})',
  'rev.maybeDup': 'C’est peut-être la même, finalement',
  'rev.maybeDupDone': 'La paire est de nouveau signalée comme doublon possible.',
  'hist.op.not_duplicate': 'pas la même caméra',
  'hist.op.maybe_duplicate': 'peut-être la même caméra',
  'hist.op.duplicate_merged': 'son doublon possible a été fusionné',

  'conf.empty': 'Aucun conflit ouvert.',
  'conf.field': 'Champ «\u00a0{field}\u00a0»',
  'conf.deleteEdit': 'Supprimée par l’un, modifiée par l’autre',
  'conf.base': 'Valeur d’origine\u00a0: {v}',
  'conf.pick': 'Choisir «\u00a0{value}\u00a0»',
  'conf.current': 'en place',
  'conf.resolved': 'Conflit réglé\u00a0: tout le monde le recevra à la prochaine synchro.',
  'conf.byAt': '{who}, {when}',
  'conf.camera': 'Caméra {id}',

  'hist.title': 'Historique',
  'hist.empty': 'Aucun changement reçu.',
  'hist.was': '\u00a0: ',
  'hist.status.conflict': 'en conflit',
  'hist.status.rejected': 'non appliquée',
  'hist.op.create': 'création',
  'hist.op.update': 'modification',
  'hist.op.delete': 'suppression',
  'hist.op.attach_photo': 'photo ajoutée',
  'hist.op.review': 'revue',
  'hist.op.resolve': 'résolution',
  'hist.op.merge': 'fusion',
  'hist.op.keep_approved': 'version validée gardée',

  'sum.cameras.one': 'caméra',
  'sum.cameras.other': 'caméras',
  'sum.new.one': 'nouvelle pour OSM',
  'sum.new.other': 'nouvelles pour OSM',
  'sum.inOsm.one': 'déjà dans OSM',
  'sum.inOsm.other': 'déjà dans OSM',
  'sum.approved.one': 'validée',
  'sum.approved.other': 'validées',
  'sum.pending.one': 'à valider',
  'sum.pending.other': 'à valider',
  'sum.rejected.one': 'refusée',
  'sum.rejected.other': 'refusées',
  'sum.rejectedNote.one': 'ni publiée ni exportée',
  'sum.rejectedNote.other': 'ni publiées ni exportées',
  'sum.gone.one': 'signalée disparue',
  'sum.gone.other': 'signalées disparues',
  'sum.goneNote.one':
    'hors du compte de {n} caméra\u00a0: une fois validées, l’export supprime leur nœud OSM',
  'sum.goneNote.other':
    'pas parmi les {n} caméras\u00a0: une fois validées, l’export supprime leur nœud OSM',
  'sum.chartsCount.one':
    'Graphiques\u00a0: {n} caméra nouvelle ou déjà dans OSM, avec ses valeurs validées si elle en a (les refusées n’y sont pas).',
  'sum.chartsCount.other':
    'Graphiques\u00a0: les {n} caméras nouvelles ou déjà dans OSM, avec leurs valeurs validées quand elles en ont (les refusées n’y sont pas).',
  'sum.published.one':
    '{n} publiée sur la carte publique et dans les fichiers, telle que validée (une modification d’un marcheur attend la revue avant d’y paraître).',
  'sum.published.other':
    '{n} publiées sur la carte publique et dans les fichiers, telles que validées (une modification d’un marcheur attend la revue avant d’y paraître).',
  'sum.others.one': '{n} autre dispositif relevé, compté à part des caméras ({kinds})',
  'sum.others.other': '{n} autres dispositifs relevés, comptés à part des caméras ({kinds})',
  'sum.othersPublished.one': 'dont {n} publié sur la carte publique',
  'sum.othersPublished.other': 'dont {n} publiés sur la carte publique',
  'sum.kindCount': '{kind}\u00a0: {n}',
  'sum.density.one': '{n} caméra / km² sur {a} km²',
  'sum.density.other': '{n} caméras / km² sur {a} km²',
  'sum.byKind': 'Par type',
  'sum.byOperator': 'Par exploitant',
  'sum.byZone': 'Par zone',
  'sum.byMount': 'Par support',
  'sum.byCameraType': 'Par forme',
  'sum.photos': 'Photos',
  'sum.noPhotos': 'Aucune photo pour cette balade.',
  'sum.print': 'Imprimer',
  'sum.unknown': 'non renseigné',
  'sum.rest.one': '{n} autre',
  'sum.rest.other': '{n} autres',
  'sum.pickWalk': 'Choisissez une balade pour voir son bilan.',
  'sum.map': 'Carte des caméras',
  'sum.mapAll': 'Carte des caméras et autres dispositifs',
  'sum.duplicates':
    'Paires de doublons signalés, pas encore fusionnées\u00a0: {n}. Chacune peut être un seul appareil relevé deux fois\u00a0; les deux caméras comptent ici, et sur la carte publique si elles sont validées.',
  'rev.map': 'Position de la caméra sur la carte',

  'chk.title': 'Avant le premier envoi vers OSM (règles d’édition organisée)',
  'chk.ready': 'Prêt pour l’envoi.',
  'chk.notReady': 'À compléter avant l’envoi.',
  'chk.hashtag': 'Hashtag de campagne',
  'chk.wiki_page': 'Page wiki de la campagne',
  'chk.contact': 'Contact des organisateur·rices',
  'chk.save': 'Enregistrer la liste',
  'chk.saved': 'Liste enregistrée.',

  'exp.title': 'Exports',
  'exp.osc': 'osmChange (.osc) pour JOSM',
  'exp.geojson': 'GeoJSON (uMap)',
  'exp.csv': 'CSV (tableur\u00a0: Excel, LibreOffice)',
  'exp.csvData': 'CSV (données\u00a0: QGIS, pandas)',
  'exp.report': '{created}, {modified}, {deleted}, {skipped}',
  'exp.skippedCount.one': '{n} ignorée',
  'exp.skippedCount.other': '{n} ignorées',
  'exp.josm': 'Ouvrir dans JOSM',
  'exp.skipped': 'Ignorée\u00a0: {camera}. {why}',
  'exp.cameraRemoved':
    'Le nœud OSM {node} porte autre chose que la caméra disparue\u00a0: il reste, sans les attributs de la caméra ({tags}).',
  'exp.camera': '{what}, relevée par {who} le {date}',
  'exp.cameraId': 'caméra {id}…',
  'exp.skip.not_approved': 'Pas encore validée.',
  'exp.skip.no_position': 'Sans position.',
  'exp.skip.future_survey_day':
    'Relevée le {surveyed}, un jour qui n’est pas encore venu\u00a0: corrigez la date du relevé.',
  'exp.skip.past_survey_day':
    'Relevée le {surveyed}, avant que camwalk puisse servir (2015)\u00a0: corrigez la date du relevé.',
  'exp.skip.node_not_in_data':
    'Le nœud OSM {node} n’est pas dans les données OSM chargées\u00a0: supprimé depuis, ou hors de la zone chargée.',
  'exp.skip.node_taken':
    'Le nœud OSM {node} est déjà modifié par une autre caméra relevée ({other})\u00a0: fusionnez les doublons.',
  'exp.skip.nothing_to_change':
    'Le nœud OSM {node} dit déjà tout ce que dit le relevé\u00a0: rien à modifier.',
  'exp.skip.gone_not_linked': 'Signalée disparue, mais liée à aucun nœud des données OSM.',
  'exp.skip.gone_vertex':
    'Signalée disparue, mais le nœud OSM {node} est un sommet d’une ligne (way)\u00a0: retirez ses attributs de caméra dans un éditeur.',
  'exp.skip.gone_vertex_unknown':
    'Signalée disparue, mais rien ne dit si une ligne (way) passe par le nœud OSM {node}\u00a0: chargez d’abord les caméras OSM de la balade.',
  'exp.skip.gone_member':
    'Signalée disparue, mais le nœud OSM {node} est membre {relations}\u00a0: dans un éditeur, retirez-le de ses relations ou retirez ses attributs de caméra.',
  'exp.skip.gone_member_unknown':
    'Signalée disparue, mais rien ne dit si une relation compte le nœud OSM {node} parmi ses membres\u00a0: chargez d’abord les caméras OSM de la balade.',
  'exp.skip.demo_node':
    'Le nœud {node} est une caméra de démonstration\u00a0: il n’existe pas dans OpenStreetMap.',
  'exp.skip.newer_survey':
    'Le nœud OSM {node} a été relevé le {checked}, après ce relevé du {surveyed}\u00a0: camwalk n’écrase pas ses valeurs plus récentes ({fields}). Comparez sur place ou dans un éditeur.',
  'exp.skip.gone_newer_survey':
    'Signalée disparue le {surveyed}, mais le nœud OSM {node} a été relevé le {checked}, après\u00a0: camwalk ne le supprime pas. Vérifiez sur place.',
  'exp.skip.move_vertex':
    'Le nœud OSM {node} est un sommet d’une ligne (way)\u00a0: camwalk ne le déplace pas.',
  'exp.skip.move_vertex_unknown':
    'Le nœud OSM {node} est peut-être un sommet d’une ligne (way)\u00a0: chargez d’abord les caméras OSM de la balade.',
  'exp.skip.no_longer_camera': 'Le nœud OSM {node} n’est plus une caméra (man_made=surveillance).',
  'exp.skip.no_longer_matches':
    'Le nœud OSM {node} a été trouvé par la distance et est maintenant cartographié comme un autre type d’appareil ou orienté ailleurs\u00a0: vérifiez de quelle caméra il s’agit.',
  'exp.skip.osm_not_loaded':
    'Nouvelle caméra, mais les caméras OSM de la balade n’ont jamais été chargées\u00a0: chargez-les d’abord, sinon une caméra déjà dans OSM ici serait ajoutée une seconde fois.',
  'exp.skip.outside_loaded_area':
    'Nouvelle caméra hors de la zone dont les caméras OSM ont été chargées\u00a0: chargez à nouveau les caméras OSM de la balade, sinon une caméra déjà dans OSM ici serait ajoutée une seconde fois.',
  'exp.skip.now_vertex':
    'Le nœud OSM {node} est maintenant un sommet d’une ligne (way)\u00a0: il ne peut pas être supprimé.',
  'exp.skip.now_member':
    'Le nœud OSM {node} est maintenant membre {relations}\u00a0: il ne peut pas être supprimé.',
  // Which relations list a node kept for an editor: the ones a mapper opens.
  'exp.relations.one': 'de la relation OSM n° {ids}',
  'exp.relations.other': 'des relations OSM n° {ids}',
  'exp.relations.none': 'd’une relation',
  'exp.skip.bad_tags': 'Des valeurs ne peuvent pas aller dans OSM\u00a0: {fields}.',
  // The rows of a GeoJSON or CSV file: every device logged (exportsviews.js rowsText).
  'exp.rows.geojson.one': '{n} dispositif relevé dans le fichier, caméras et autres ensemble.',
  'exp.rows.geojson.other': '{n} dispositifs relevés dans le fichier, caméras et autres ensemble.',
  'exp.rows.csv.one': '{n} ligne dans le fichier, une par dispositif relevé (caméras et autres).',
  'exp.rows.csv.other':
    '{n} lignes dans le fichier, une par dispositif relevé (caméras et autres).',
  'exp.rows.approved': 'Dispositifs validés seulement, tels que validés.',
  'exp.rows.all': 'Tous les dispositifs, tels qu’ils sont (à valider et refusés compris).',
  'exp.rows.spreadsheet':
    'Pour un tableur\u00a0: s’ouvre d’un double clic\u00a0; un texte commençant par = + - @ y est précédé d’une apostrophe.',
  'exp.rows.data':
    'Pour QGIS, pandas, csvkit\u00a0: chaque valeur telle quelle. À importer, pas à ouvrir d’un double clic dans un tableur.',
  'exp.rows.signage': 'Avec le relevé des panneaux.',
  'exp.rows.private': 'Avec les notes et les marcheur·ses\u00a0: fichier privé.',
  'exp.ambiguous':
    'À vérifier\u00a0: la caméra {camera}… modifiera le nœud OSM {node} ({m}\u00a0m), mais le nœud {other} est presque aussi près ({otherM}\u00a0m). Choisissez sur sa fiche de validation si ce n’est pas le bon.',
  'exp.disagreeing':
    'À vérifier\u00a0: la caméra {camera}… modifiera le nœud OSM {node} ({m}\u00a0m), mais ils ne disent pas la même chose\u00a0: {keys}. Si c’est une autre caméra, choisissez «\u00a0Nouvelle caméra\u00a0» sur sa fiche de validation.',
  'exp.disusedNearby':
    'À vérifier\u00a0: la caméra {camera}… sera un nouveau nœud OSM, à {m}\u00a0m du nœud OSM {node}, indiqué comme hors service. Si c’est cette caméra, choisissez ce nœud sur sa fiche de validation.',
  'exp.disusedNode':
    'À vérifier\u00a0: la caméra {camera}… modifiera le nœud OSM {node}, indiqué comme hors service ({keys}). Le fichier garde cette indication\u00a0: savoir si la caméra fonctionne, c’est à vérifier sur place.',
  // A new camera right beside one another survey has, and a mapper's tag the survey
  // denies (server/exports/osc.py PlanChecks).
  'exp.takenNearby':
    'À vérifier\u00a0: la caméra {camera}… sera un nouveau nœud OSM, à {m}\u00a0m du nœud OSM {node}, que la caméra {other}… met à jour. La même caméra relevée deux fois, ou une deuxième au même endroit\u00a0? Si c’est la même, fusionnez les deux caméras\u00a0; sinon, rien à faire.',
  'exp.takenNearbyElsewhere':
    'À vérifier\u00a0: la caméra {camera}… sera un nouveau nœud OSM, à {m}\u00a0m du nœud OSM {node}, auquel une autre caméra relevée est liée. La même caméra relevée deux fois, ou une deuxième au même endroit\u00a0?',
  'exp.contradictedTag':
    'À vérifier\u00a0: la caméra {camera}… modifiera le nœud OSM {node}, qui garde {kept}, écrit par la personne qui l’a cartographié, alors que le relevé dit {surveyed}. camwalk ne retire aucun tag\u00a0: vérifiez sur place ou dans un éditeur lequel est juste.',
  // Said of an upload done: what it changed on OSM, to correct there if wrong
  // (its node is settled: the review card no longer changes it).
  'up.done.ambiguous':
    'À vérifier\u00a0: la caméra {camera}… a modifié le nœud OSM {node} ({m}\u00a0m), mais le nœud {other} était presque aussi près ({otherM}\u00a0m). Si ce n’était pas le bon, corrigez-le sur OpenStreetMap.',
  'up.done.disagreeing':
    'À vérifier\u00a0: la caméra {camera}… a modifié le nœud OSM {node} ({m}\u00a0m), mais ils ne disaient pas la même chose\u00a0: {keys}. Si c’était une autre caméra, corrigez-le sur OpenStreetMap.',
  'up.done.disusedNearby':
    'À vérifier\u00a0: la caméra {camera}… est maintenant un nouveau nœud OSM, à {m}\u00a0m du nœud OSM {node}, indiqué comme hors service. Si c’est la même caméra, réunissez-les sur OpenStreetMap.',
  'up.done.disusedNode':
    'À vérifier\u00a0: la caméra {camera}… a modifié le nœud OSM {node}, indiqué comme hors service ({keys}). L’envoi a gardé cette indication\u00a0: savoir si la caméra fonctionne, c’est à vérifier sur place.',
  'up.title': 'Envoi vers OpenStreetMap',
  'up.account': 'Compte OSM du groupe\u00a0: {who}',
  'up.noAccount': 'Aucun compte OSM connecté au groupe.',
  'up.connect': 'Connecter un compte OSM',
  'up.prepare': 'Préparer l’envoi',
  'up.confirmTitle': 'Voici exactement ce qui sera envoyé',
  'up.comment': 'Commentaire du changeset\u00a0: «\u00a0{c}\u00a0»',
  'up.counts': '{created} · {modified} · {deleted}',
  'up.created.one': '{n} création',
  'up.created.other': '{n} créations',
  'up.modified.one': '{n} modification',
  'up.modified.other': '{n} modifications',
  'up.deleted.one': '{n} suppression',
  'up.deleted.other': '{n} suppressions',
  'up.send': 'Envoyer vers OpenStreetMap',
  'up.sent.one': 'Envoyé\u00a0: changeset {ids}.',
  'up.sent.other': 'Envoyé\u00a0: changesets {ids}.',
  'up.recovered':
    'Relu sur OpenStreetMap, d’un envoi précédent resté inachevé\u00a0: changeset {id} ({created} · {modified} · {deleted}), rien n’est envoyé deux fois.',
  'up.failed': 'Non envoyé ({n}), à regarder\u00a0:',
  'up.toCheck': 'À vérifier sur OpenStreetMap\u00a0: {checks}.',
  'up.check.ambiguous.one': '{n} correspondance incertaine',
  'up.check.ambiguous.other': '{n} correspondances incertaines',
  'up.check.disagreeing.one': '{n} caméra décrite autrement dans OSM',
  'up.check.disagreeing.other': '{n} caméras décrites autrement dans OSM',
  'up.check.disused_nearby.one': '{n} nouvelle caméra près d’une caméra hors service',
  'up.check.disused_nearby.other': '{n} nouvelles caméras près d’une caméra hors service',
  'up.check.disused_node.one': '{n} caméra indiquée hors service dans OSM',
  'up.check.disused_node.other': '{n} caméras indiquées hors service dans OSM',
  // Ce que l’envoi dit, comme le rapport d’export, d’une nouvelle caméra juste à côté d’une
  // caméra OSM reliée à un autre relevé, et d’un tag que le relevé contredit : une fois
  // envoyé (up.done.*), et compté (up.check.*).
  'up.done.takenNearby':
    'À vérifier\u00a0: la caméra {camera}… est maintenant un nouveau nœud OSM, à {m}\u00a0m du nœud OSM {node}, auquel la caméra {other}… a été rattachée. La même caméra relevée deux fois, ou une deuxième au même endroit\u00a0? Si c’est la même, réunissez les deux nœuds sur OpenStreetMap.',
  'up.done.takenNearbyElsewhere':
    'À vérifier\u00a0: la caméra {camera}… est maintenant un nouveau nœud OSM, à {m}\u00a0m du nœud OSM {node}, auquel une autre caméra relevée est liée. La même caméra relevée deux fois, ou une deuxième au même endroit\u00a0? Si c’est la même, réunissez les deux nœuds sur OpenStreetMap.',
  'up.done.contradictedTag':
    'À vérifier\u00a0: la caméra {camera}… a modifié le nœud OSM {node}, qui a gardé {kept}, écrit par la personne qui l’a cartographié, alors que le relevé dit {surveyed}. camwalk n’a retiré aucun tag\u00a0: vérifiez sur place lequel est juste, et corrigez-le sur OpenStreetMap.',
  'up.check.taken_nearby.one':
    '{n} nouvelle caméra tout près d’une caméra OSM reliée à un autre relevé',
  'up.check.taken_nearby.other':
    '{n} nouvelles caméras tout près d’une caméra OSM reliée à un autre relevé',
  // A change of the dry run's list that has something to check (changelist.js), in a few words.
  'up.mark.ambiguous_match': 'un autre nœud presque aussi près',
  'up.mark.disagreeing_match': 'décrite autrement dans OSM',
  'up.mark.disused_nearby': 'près d’une caméra hors service',
  'up.mark.disused_node': 'nœud hors service',
  'up.mark.taken_nearby': 'à côté d’un nœud qu’un autre relevé met à jour',
  'up.mark.contradicted_tag': 'garde un tag que le relevé contredit',
  'up.check.contradicted_tag.one': '{n} caméra qui garde un tag OSM contredit par le relevé',
  'up.check.contradicted_tag.other': '{n} caméras qui gardent un tag OSM contredit par le relevé',
  'up.nothing': 'Rien à envoyer\u00a0: validez des caméras d’abord.',
  'up.heldBack.one':
    '{n} nouvelle caméra de «\u00a0{place}\u00a0» retenue\u00a0: un fichier osmChange qui la contenait a été exporté le {exported}, {since}. S’il est allé sur OpenStreetMap (par JOSM), elle y serait créée deux fois. Faites «\u00a0Charger les caméras OSM\u00a0» pour cette balade (onglet Balades), puis préparez l’envoi à nouveau.',
  'up.heldBack.other':
    '{n} nouvelles caméras de «\u00a0{place}\u00a0» retenues\u00a0: un fichier osmChange qui les contenait a été exporté le {exported}, {since}. S’il est allé sur OpenStreetMap (par JOSM), elles y seraient créées deux fois. Faites «\u00a0Charger les caméras OSM\u00a0» pour cette balade (onglet Balades), puis préparez l’envoi à nouveau.',
  'up.heldBack.since': 'après le dernier chargement des caméras OSM de la balade ({fetched})',
  'up.heldBack.never': 'et les caméras OSM de la balade n’ont jamais été chargées',
  'exp.earlierFile.since': 'après le dernier chargement des caméras OSM ({fetched})',
  'exp.earlierFile.never': 'et les caméras OSM n’ont jamais été chargées',
  'exp.earlierFile.one':
    'Attention\u00a0: un fichier osmChange avec de nouvelles caméras a déjà été exporté le {exported}, {since}. S’il est allé sur OpenStreetMap (par JOSM), la création de ce fichier-ci y est peut-être déjà\u00a0: ne l’envoyez pas avant d’avoir fait «\u00a0Charger les caméras OSM\u00a0» (onglet Balades) et exporté à nouveau.',
  'exp.earlierFile.other':
    'Attention\u00a0: un fichier osmChange avec de nouvelles caméras a déjà été exporté le {exported}, {since}. S’il est allé sur OpenStreetMap (par JOSM), les {n} créations de ce fichier-ci y sont peut-être déjà\u00a0: ne l’envoyez pas avant d’avoir fait «\u00a0Charger les caméras OSM\u00a0» (onglet Balades) et exporté à nouveau.',
  'up.disconnect': 'Déconnecter ce compte',
  'up.disconnected': 'Compte OSM déconnecté, et son accès retiré chez OpenStreetMap.',
  'up.revokeByHand':
    'Compte déconnecté ici. OpenStreetMap n’a pas confirmé\u00a0: retirez l’accès de camwalk dans vos réglages OSM (Applications OAuth 2 autorisées).',
  'up.back.connected': 'Compte OpenStreetMap connecté au groupe.',
  'up.back.declined': 'Connexion refusée sur OpenStreetMap\u00a0: rien n’a changé.',
  'up.back.state_expired': 'La connexion a pris trop de temps\u00a0: recommencez.',
  'up.back.other_browser':
    'La connexion a été commencée dans un autre navigateur\u00a0: recommencez depuis celui-ci.',
  'up.back.not_configured': 'Ce serveur n’a pas d’application OSM configurée (voir le README).',
  'up.back.error': 'La connexion à OpenStreetMap a échoué\u00a0: recommencez.',
  'up.list': 'Le détail, nœud par nœud ({n})',
  'up.truncated':
    'Liste arrêtée aux 500 premiers éléments\u00a0; le fichier osmChange les contient tous.',
  'up.action.create': 'création',
  'up.action.modify': 'modification',
  'up.action.delete': 'suppression',
  'up.node': 'nœud {id} (v{v})',
  'up.newNode': 'nouveau nœud',
  'up.deletes': 'Le nœud sera supprimé d’OpenStreetMap.',
  'up.sameTags': 'Mêmes attributs\u00a0; seule la position ou la version change.',
  'up.tagRemoved': 'retiré',

  'pub.title': 'Carte publique de la campagne',
  'pub.on': 'Publiée\u00a0: toute personne ayant le lien voit les caméras validées.',
  'pub.off': 'Non publiée.',
  'pub.publish': 'Publier la carte',
  'pub.unpublish': 'Dépublier',
  'pub.viewsOn':
    'La carte publique propose ce que voient les caméras validées (leurs champs de vision sur le fond de carte des balades), sans rien sur les marcheurs.',
  'pub.viewsOff': 'La carte publique ne propose pas ce que voient les caméras.',
  'pub.viewsShow': 'Montrer ce que voient les caméras',
  'pub.viewsHide': 'Ne plus montrer ce que voient les caméras',
  'pub.link': 'Lien à partager',
  'pub.copy': 'Copier le lien',
  'pub.copied': 'Lien copié.',
  'pub.what':
    'Ce que montre la carte\u00a0: position, type, exploitant, direction et date du relevé, et les seules photos que vous publiez ci-dessous, floutées. Jamais de pseudonyme ni de note.',

  'pp.title': 'Photos sur la carte publique',
  'pp.what':
    'Aucune photo n’est publique tant que vous ne l’avez pas vérifiée. Encadrez chaque visage, plaque ou fenêtre à masquer\u00a0: le public voit une copie floutée, sans aucune métadonnée.',
  'pp.count.one': '{n} photo publique sur {of}',
  'pp.count.other': '{n} photos publiques sur {of}',
  'pp.none': 'Aucune photo de caméra validée dans cette balade.',
  'pp.isPublic.one': 'publique · {n} zone floutée',
  'pp.isPublic.other': 'publique · {n} zones floutées',
  'pp.notPublic': 'privée',
  'pp.check': 'Vérifier et publier',
  'pp.editTitle': 'Masquer avant de publier',
  'pp.howTo':
    'Faites glisser sur la photo pour encadrer ce qu’il faut flouter. Touchez un cadre pour le retirer.',
  'pp.found.one':
    'Le serveur a trouvé {n} visage ou plaque et l’a encadré. Vérifiez le cadre\u00a0: faites-le glisser pour le déplacer, touchez-le pour le retirer, et encadrez ce qu’il a manqué (plaques de biais, visages de dos).',
  'pp.found.other':
    'Le serveur a trouvé {n} visages ou plaques et les a encadrés. Vérifiez chaque cadre\u00a0: faites-le glisser pour le déplacer, touchez-le pour le retirer, et encadrez ce qu’il a manqué (plaques de biais, visages de dos).',
  'pp.foundNone':
    'Le serveur n’a trouvé ni visage ni plaque. Regardez quand même\u00a0: il en manque parfois.',
  'pp.publish.one': 'Publier avec {n} zone floutée',
  'pp.publish.other': 'Publier avec {n} zones floutées',
  'pp.keepPrivate': 'Garder privée',
  'pp.close': 'Fermer',
  'pp.published': 'Photo publiée.',
  'pp.withdrawn': 'Photo retirée de la carte publique.',
  'pp.withdrawnHere':
    'Photo retirée à côté de cette caméra\u00a0; elle reste publiée à côté d’une autre caméra.',
  'pp.beside':
    'Pour cette caméra seulement\u00a0: {camera}. Les autres caméras de la photo gardent leur choix.',
  'pp.publicCopy': 'Ce que verra le public',
  'blur.alt': 'Photo à vérifier',
  'blur.remove': 'Retirer ce cadre',
  'blur.removeN': 'Retirer le cadre {n}',
  'grp.title': 'Le groupe',
  'grp.name': 'Nom du groupe',
  'grp.ownTiles': 'Aucune tuile d’un serveur tiers',
  'grp.ownTilesWhy':
    'Les téléphones n’affichent alors que la carte de balade (chargée avec les caméras OSM) et les tuiles du serveur de la campagne\u00a0: aucun serveur de tuiles ne voit où le groupe marche. Les cartes des organisateur·rices et la carte publique suivent la même règle.',
  'grp.originals': 'Garder les photos originales',
  'grp.originalsWhy':
    'Les originales gardent leurs métadonnées (position GPS, appareil, heure). Sans elles, le serveur ne garde que des copies sans métadonnées, qui suffisent pour valider et publier.',
  'grp.save': 'Enregistrer',
  'grp.saved': 'Réglages du groupe enregistrés.',
  'ppl.role.walker': 'marcheur·se',
  'ppl.role.organiser': 'organisateur·rice',
  'inv.title': 'Invitations',
  'inv.roleLabel': 'Rôle de la personne invitée',
  'inv.expiry': 'Valable',
  'inv.days.one': '{n} jour',
  'inv.days.other': '{n} jours',
  'inv.never': 'sans limite de durée',
  'inv.maxUses': 'Nombre d’utilisations',
  'inv.unlimited': 'illimité',
  'inv.create': 'Créer le lien',
  'inv.made': 'Invitation créée.',
  'inv.none': 'Aucune invitation active.',
  'inv.past': 'Anciennes invitations ({n})',
  'inv.state.active': 'active',
  'inv.state.revoked': 'révoquée',
  'inv.state.expired': 'expirée',
  'inv.state.used': 'épuisée',
  'inv.uses': 'utilisations\u00a0: {n} / {max}',
  'inv.until': 'jusqu’au {d}',
  'inv.noExpiry': 'sans expiration',
  'inv.link': 'Lien d’invitation',
  'inv.copy': 'Copier le lien',
  'inv.copied': 'Lien copié.',
  'inv.qr': 'QR code',
  'inv.qrAlt': 'QR code du lien d’invitation',
  'inv.scan': 'Scannez ce code avec l’appareil photo de votre téléphone pour rejoindre le groupe.',
  'inv.print': 'Imprimer',
  'inv.revoke': 'Révoquer',
  'inv.revoked': 'Invitation révoquée\u00a0: le lien ne marche plus.',
  'wf.title': 'Importer le fichier d’un·e marcheur·se',
  'wf.what':
    'Un téléphone qui n’a pas pu envoyer son travail l’enregistre dans un fichier .geojson (menu). Importé ici, il entre comme si la personne avait synchronisé\u00a0: rien n’est compté deux fois.',
  'wf.choose': 'Fichier .geojson',
  'wf.sending': 'Import de {name}…',
  'wf.notJson': 'Ce fichier ne se lit pas\u00a0: ce n’est pas un fichier de marcheur·se camwalk.',
  'wf.done': 'Fichier de {who} importé.',
  'wf.applied': 'Changements enregistrés\u00a0: {n}',
  'wf.conflicts': 'Dont en conflit, à arbitrer dans l’onglet Conflits\u00a0: {n}',
  'wf.replayed': 'Déjà reçus, non comptés deux fois\u00a0: {n}',
  'wf.photos': 'Photos reçues\u00a0: {n}',
  'wf.left': 'Laissés de côté\u00a0: {n}',
  'wf.change': 'Changement n° {i}',
  'wf.photo': 'Photo {sha}',
  'wf.unproven':
    'Rien ne prouve que ce fichier vient du téléphone de «\u00a0{who}\u00a0»\u00a0: application plus ancienne, fichier modifié, ou fichier au nom de quelqu’un d’autre. Ses changements seraient enregistrés à son nom.',
  'wf.importAnyway': 'C’est bien le fichier de «\u00a0{who}\u00a0»\u00a0: l’importer',
  'wf.unprovenDone': 'Importé sans preuve qu’il vient de son téléphone, à votre demande.',
  'mem.title': 'Membres ({n})',
  'mem.what':
    'Retirer une personne déconnecte ses téléphones\u00a0; les caméras qu’elle a relevées restent.',
  'mem.pseudonym': 'Pseudonyme',
  'mem.role': 'Rôle',
  'mem.since': 'Depuis',
  'mem.actions': 'Actions',
  'mem.you': 'vous',
  'mem.remove': 'Retirer',
  'mem.keep': 'Annuler',
  'mem.confirm': 'Retirer {who}\u00a0?',
  'mem.removed': '{who} a été retiré·e du groupe.',
  'walks.title': 'Balades du groupe',
  'walks.new': 'Nouvelle balade',
  'walks.name': 'Nom',
  'walks.date': 'Date',
  'walks.drawHelp':
    'Zone\u00a0: touchez la carte pour poser les coins, dans l’ordre du tour (au moins 3). Facultatif.',
  'walks.tapToDraw': 'Aucun coin posé.',
  'walks.needThree': 'Encore un coin au moins\u00a0: une zone en demande 3.',
  'walks.crossing': 'Deux côtés se croisent\u00a0: retirez le dernier coin et posez-le ailleurs.',
  'walks.areaSize': '{n} coins, {ha} ha',
  'walks.undo': 'Retirer le dernier coin',
  'walks.clear': 'Tout effacer',
  'walks.locate': 'Centrer sur moi',
  'walks.noFix': 'Position indisponible.',
  'walks.create': 'Créer la balade',
  'walks.made': 'Balade «\u00a0{name}\u00a0» créée.',
  'walks.none': 'Pas encore de balade.',
  'walks.hasArea': 'zone dessinée',
  'walks.noArea': 'sans zone',
  'walks.fetchOsm': 'Charger les caméras OSM',
  'walks.fetching': 'Chargement depuis OpenStreetMap…',
  'walks.lastFetched': 'Caméras OSM chargées le {at}.',
  'walks.neverFetched': 'Caméras OSM jamais chargées pour cette balade.',
  // The answer of a walk's OSM fetch (osmfetch.js), each count in its own form.
  'walks.fetched.one': '{n} caméra OSM ({added}, {changed}, {gone} depuis la dernière fois).',
  'walks.fetched.other': '{n} caméras OSM ({added}, {changed}, {gone} depuis la dernière fois).',
  'walks.fetched.added.one': '{n} nouvelle',
  'walks.fetched.added.other': '{n} nouvelles',
  'walks.fetched.changed.one': '{n} modifiée',
  'walks.fetched.changed.other': '{n} modifiées',
  'walks.fetched.gone.one': '{n} disparue',
  'walks.fetched.gone.other': '{n} disparues',
  'walks.fetched.keptNewer.one':
    '{n} caméra gardée telle que camwalk l’a envoyée\u00a0: la copie d’OSM lue est plus ancienne que cet envoi.',
  'walks.fetched.keptNewer.other':
    '{n} caméras gardées telles que camwalk les a envoyées\u00a0: la copie d’OSM lue est plus ancienne que cet envoi.',
  'walks.fetched.keptDeleted.one':
    '{n} caméra laissée de côté\u00a0: un envoi de camwalk l’a retirée d’OSM, et la copie lue est plus ancienne que cet envoi.',
  'walks.fetched.keptDeleted.other':
    '{n} caméras laissées de côté\u00a0: un envoi de camwalk les a retirées d’OSM, et la copie lue est plus ancienne que cet envoi.',
  'walks.walkMap':
    'Carte de balade\u00a0: {n} rues, chemins, bâtiments et repères, que les téléphones gardent hors ligne.',
  'walks.review': 'Valider ses caméras',
  // A fetch refused because cameras logged far away widen the walk (osmfetch.js).
  'walks.farHeading': 'À regarder d’abord\u00a0: les caméras relevées le plus loin de la balade.',
  'walks.farCamera': '{camera}\u00a0: à {km}\u00a0km de la balade ({at}).',
  'edit.lens': 'Direction de l’objectif {n} (0 à 359°)',
  'edit.addLens': 'Ajouter un objectif',
  'edit.removeLens': 'Retirer l’objectif {n}',
  // The OSM node on the review card (osmnode.js).
  'rev.osm.title': 'OpenStreetMap',
  'rev.osm.onceApproved': 'Une fois validée, l’export',
  'rev.osm.export': 'L’export',
  'rev.osm.create': 'crée un nouveau nœud OSM.',
  'rev.osm.modify': 'met à jour le nœud OSM n° {id}, à {m} m.',
  'rev.osm.delete': 'supprime le nœud OSM n° {id} (signalée disparue).',
  'rev.osm.removeCamera':
    'retire la caméra (signalée disparue) du nœud OSM n° {id}, qui reste\u00a0: il porte autre chose (lampadaire, panneau…). Attributs retirés\u00a0: {tags}.',
  'rev.osm.nothing': 'n’envoie rien pour elle.',
  'rev.osm.ambiguous':
    'Le nœud n° {other} est presque aussi proche\u00a0: le GPS ne peut pas les départager. Vérifiez lequel c’est.',
  'rev.osm.by.link': 'Nœud désigné (par vous, un·e marcheur·se ou un envoi précédent).',
  'rev.osm.by.distance':
    'Nœud trouvé par la distance\u00a0: la caméra OSM compatible la plus proche.',
  'rev.osm.by.new_camera':
    'Vous l’avez marquée comme nouvelle caméra\u00a0: aucun nœud OSM ne lui sera associé.',
  'rev.osm.nodeLink': 'Nœud n° {id} (version {v}) sur openstreetmap.org',
  'rev.osm.choose': 'Quelle caméra OSM est-ce\u00a0?',
  'rev.osm.candidate': 'Nœud n° {id} · {m} m',
  'rev.osm.new': 'Nouvelle caméra (pas dans OSM)',
  'rev.osm.view': 'voir',
  'rev.osm.taken': '(déjà le nœud d’une autre caméra relevée)',
  'rev.osm.saved': 'Choix enregistré.',
  'rev.osm.notNode':
    'La marcheuse ou le marcheur a répondu «\u00a0C’est une autre\u00a0» pour le nœud OSM n° {id}\u00a0: l’export ne l’associera pas à ce nœud par la distance.',
  'rev.osm.saidNot': '(«\u00a0c’est une autre\u00a0», selon le relevé)',
  'rev.osm.disagreeing':
    'Le nœud dit autre chose\u00a0: {keys}. Vérifiez que c’est la même caméra (un dôme se confond facilement)\u00a0; sinon, choisissez «\u00a0Nouvelle caméra\u00a0».',
  'rev.osm.differ': '{key} relevé {surveyed}, {osm} dans OSM',
  'rev.osm.otherKind': 'Nœud n° {id} · {m} m · autre type dans OSM\u00a0: {kind}',
  'rev.osm.outOfUse': 'Nœud n° {id} · {m} m · hors service dans OSM',
  'rev.osm.outOfUseNear':
    'Le nœud OSM n° {id}, à {m} m, est indiqué comme hors service\u00a0: l’export ne l’associe jamais par la distance. Si c’est cette caméra, choisissez-le\u00a0; il restera indiqué hors service.',
  'rev.refreshing': 'Mise à jour des cartes à valider…',
  // Account tab, a member's devices, removal with her invite, originals left.
  'org.tab.account': 'Mon compte',
  'acc.title': 'Mon compte',
  'mem.devices': 'Appareils',
  'mem.devicesOf': 'Appareils de {who}',
  'mem.link': 'Lien de connexion',
  'mem.linkOf': 'Lien de connexion de {who}',
  'mem.linkWhat':
    'Ouvert sur son téléphone, ce lien la connecte sous son pseudonyme, sans mot de passe, avec ce qui attend sur le téléphone. Une seule utilisation\u00a0; valable jusqu’au {d}. Un nouveau lien remplace celui-ci.',
  'mem.linkRevoke': 'Révoquer le lien',
  'mem.linkRevoked': 'Le lien de connexion de {who} ne fonctionne plus.',
  'mem.linkQrAlt': 'QR code du lien de connexion',
  'mem.alsoInvite.one':
    'Révoquer aussi l’invitation utilisée pour entrer (invitation {role} du {date}, {n} utilisation).',
  'mem.alsoInvite.other':
    'Révoquer aussi l’invitation utilisée pour entrer (invitation {role} du {date}, {n} utilisations).',
  'mem.inviteOthers': 'Les {n} autres personnes entrées avec elle restent membres.',
  'mem.removedAndInvite': '{who} a été retiré·e du groupe et son invitation révoquée.',
  'grp.originalsLeft.one':
    '{n} photo originale ({size}) est encore sur le serveur, avec ce que l’appareil y a écrit (position GPS, heure, numéro de série).',
  'grp.originalsLeft.other':
    '{n} photos originales ({size}) sont encore sur le serveur, avec ce que l’appareil y a écrit (position GPS, heure, numéro de série).',
  'grp.originalsDelete.one': 'Supprimer l’originale ({size})',
  'grp.originalsDelete.other': 'Supprimer les {n} originales ({size})',
  'grp.originalsConfirm.one':
    'Supprimer définitivement {n} originale ({size})\u00a0? Sa copie sans métadonnées reste.',
  'grp.originalsConfirm.other':
    'Supprimer définitivement {n} originales ({size})\u00a0? Les copies sans métadonnées restent.',
  'grp.originalsDeleteYes': 'Supprimer',
  'grp.originalsKeep': 'Garder',
  'grp.originalsDeleted.one': '{n} originale supprimée ({size}).',
  'grp.originalsDeleted.other': '{n} originales supprimées ({size}).',
  // The signage survey's commune file, exports and public map fields.
  'org.tab.signage': 'Panneaux',
  'sig.what':
    'Le dossier de la commune (les balades du même nom)\u00a0: chiffres, plan, caméras sans panneau, avec un panneau incomplet ou en partie relevé, méthode. Seules les caméras validées comptent.',
  'sig.print': 'Imprimer',
  'sig.heading': 'Signalisation des caméras de surveillance\u00a0: {commune}',
  'sig.counts': 'Chiffres',
  'sig.count.cameras': 'Caméras relevées',
  'sig.count.no_sign': 'aucun panneau trouvé',
  'sig.count.complete_sign': 'panneau vu, les six mentions notées présentes',
  'sig.count.incomplete_sign': 'panneau vu, au moins une mention notée absente',
  'sig.count.partly_checked_sign': 'panneau vu, mentions en partie relevées (aucune notée absente)',
  'sig.count.sign_not_checked': 'panneau non vérifié («\u00a0pas regardé\u00a0» ou rien de noté)',
  'sig.count.private_aimed_at_road': 'privées (commerce, résidence) filmant la voie publique',
  'sig.duplicates.one':
    'Attention\u00a0: {n} paire de ces caméras pourrait être un même appareil (un doublon possible que les organisateurs n’ont pas encore traité)\u00a0; le nombre de caméras peut la compter deux fois. Dans le tableau, * marque ces caméras.',
  'sig.duplicates.other':
    'Attention\u00a0: {n} paires de ces caméras pourraient être chacune un même appareil (des doublons possibles que les organisateurs n’ont pas encore traités)\u00a0; le nombre de caméras peut les compter deux fois. Dans le tableau, * marque ces caméras.',
  'sig.map': 'Plan (les numéros renvoient au tableau\u00a0; points gris\u00a0: autres caméras)',
  'sig.table': 'Caméras sans panneau, avec un panneau incomplet ou en partie relevé',
  'sig.noneListed':
    'Aucune caméra relevée sans panneau, avec un panneau incomplet ou en partie relevé.',
  'sig.noSign': 'aucun panneau',
  'sig.unanswered': 'non relevé\u00a0: {items}',
  'sig.photo': 'Photo floutée de la caméra {n}',
  'sig.col.number': 'N°',
  'sig.col.surveyed_on': 'Relevé le',
  'sig.col.lacking': 'Ce qui manque',
  'sig.col.filmed_by': 'Qui filme',
  'sig.col.aimed_at_road': 'Voie publique',
  'sig.col.position': 'Position',
  'sig.col.photos': 'Photos (floutées)',
  'sig.method': 'Méthode',
  'sig.methodWhat':
    'Pour chaque caméra, les personnes qui ont arpenté le terrain ont noté si un panneau informe le public, ce qu’il mentionne ({items}), qui filme et si la caméra filme la voie publique. Seules les caméras vérifiées par les organisateurs sont comptées. Une mention non relevée n’est pas comptée comme absente.',
  'sig.methodWhen.one': 'Relevés faits du {first} au {last}, par {n} personne.',
  'sig.methodWhen.other': 'Relevés faits du {first} au {last}, par {n} personnes.',
  'sig.methodWalks': 'Balades\u00a0: {walks}.',
  'sig.facts': 'Ce document rapporte des constats\u00a0; il ne qualifie aucune situation.',
  'exp.signage': 'Inclure le relevé des panneaux (GeoJSON et CSV)',
  'exp.approved':
    'Caméras validées seulement, telles que validées (GeoJSON et CSV à publier\u00a0; décochez pour tout relire)',
  'pub.fields': 'Relevé des panneaux sur la carte publique',
  'pub.fieldsWhat':
    'Rien de ce relevé n’est public tant que vous ne cochez pas un champ. Il n’est jamais envoyé à OpenStreetMap.',
  'pub.fieldsSave': 'Enregistrer les champs publiés',
  'pub.fieldsSaved': 'Champs publiés enregistrés',
  'rev.photoPreparing': 'Photo reçue, en préparation…',
  'rev.photoUnreadable': 'Photo reçue mais illisible',
};

export const en = {
  'org.title': 'Organising',
  'org.open': 'Organiser space',
  'org.back': 'Back to the map',
  'org.walk': 'Walk',
  'org.allWalks': 'All walks',
  'org.tab.review': 'Review',
  'org.tab.conflicts': 'Conflicts',
  'org.tab.summary': 'Summary',
  'org.tab.exports': 'Exports & OSM',
  'org.tab.public': 'Public map',
  'org.tab.walks': 'Walks',
  'org.tab.people': 'Members',
  'org.loading': 'Loading…',
  'org.error': 'Failed: {msg}',
  'org.forbidden': 'For organisers only.',

  'rev.empty': 'Nothing to review: every camera of this walk has been seen.',
  'rev.count': '{i} / {n} to review',
  'rev.listBefore': '↑ Show earlier ones ({n})',
  'rev.listAfter': '↓ Show later ones ({n})',
  'rev.keys': 'Shortcuts: A approve · R reject · J next · K previous · E edit',
  'rev.approve': 'Approve',
  'rev.reject': 'Reject',
  'rev.next': 'Next',
  'rev.prev': 'Previous',
  'rev.reason': 'Reason for rejecting',
  'rev.confirmReject': 'Reject with this reason',
  'rev.approved': 'Approved.',
  'rev.rejected': 'Rejected.',
  'rev.by': 'Logged by {who} on {date}',
  'rev.accuracy': 'GPS accuracy: {m} m',
  'rev.noPhoto': 'No photo',
  'rev.photoFailed': 'Photo unavailable',
  'rev.osmNear': 'OSM camera #{id} at {m} m',
  'rev.osmNearKind': 'OSM node #{id} at {m} m, another kind in OSM: {kind}',
  'rev.osmNone': 'No OpenStreetMap camera nearby: this will be a create.',
  'rev.osmLinked': 'Updates OSM node #{id}',
  'rev.dupHint': 'Possible duplicate {m} m away',
  'rev.dupHintUnknown': 'Possible duplicate, at an unknown distance',
  'rev.dupBadge': 'possible duplicate',
  'rev.compare': 'Compare: same camera?',
  'rev.edit': 'Edit',
  'rev.save': 'Save the change',
  'rev.cancel': 'Cancel',
  'rev.movePin': 'Drag the pin to correct the position.',
  'rev.saved': 'Change sent.',
  'rev.savedQueued': 'Change saved; it goes to the server as soon as it can.',
  // A camera type or mount a guard or gunshot detector holds from before (reviewviews.js cameraRows).
  'rev.notForKind':
    '{value} (does not apply to this device and never goes to OpenStreetMap; a saved edit empties it)',
  'rev.notLocal': 'This camera is not on this device yet: sync first.',
  'rev.history': 'History',
  'rev.note': 'Walker’s note',
  'rev.since': 'Changed since it was approved',
  'rev.conflicts': 'Open conflict: settle it (Conflicts tab) before approving',
  'rev.goneMeanwhile':
    'This camera is no longer waiting for review: someone dealt with it or deleted it in the meantime. Nothing was decided here.',
  'rev.sinceSame': 'The values are back to the approved ones.',
  'rev.sinceShown':
    'The public map and the OSM export keep the approved values until it is approved again.',
  'rev.gone.row': 'gone',
  'rev.gone.heading': 'reported gone',
  'rev.gone.badge': 'Gone',
  'rev.gone.badgeDelete': 'OSM delete',
  'rev.gone.rowTitle': 'Reported gone: OSM node #{id}',
  'rev.gone.title': 'Reported gone: not a new camera',
  'rev.gone.deletes':
    'A walker says the camera of OSM node #{id} is no longer there. Approving it deletes this node from OpenStreetMap (osmChange export and upload).',
  'rev.gone.keepsNode':
    'A walker says the camera of OSM node #{id} is no longer there. The export will not delete this node: see the OpenStreetMap part below.',
  'rev.gone.noNode':
    'A walker says a camera is no longer there, but no OSM node is linked to it: approving it deletes nothing in OpenStreetMap.',
  'rev.gone.approve': 'Approve and delete the node',
  'rev.sinceChoice':
    'Rejecting withdraws the camera from the public map and the OSM export. To reject only the edit, keep the approved version.',
  'rev.keep': 'Keep the approved version',
  'rev.kept': 'Approved version kept: the edit is undone, the camera stays published.',
  'rev.keysKeep': 'G keep the approved version',
  'rev.rejectWithdraws':
    'Rejecting withdraws this camera, approved before, from the public map and the OSM export. To reject only the edit: “Keep the approved version”.',

  'merge.title': 'Merge two records',
  'merge.keep': 'Keep this one',
  'merge.take': 'Take this value',
  'merge.do': 'Merge into the kept camera',
  'merge.done': 'Merged: the photos of both records are kept.',
  'merge.doneCleared':
    'Merged: the photos of both records are kept. {who} had said on {date} that they were not the same camera: that answer is cleared (the history of both records keeps it).',
  // A camera type or mount a guard or gunshot detector holds from before (mergeviews.js fieldTexts).
  'merge.notForKind': '{value} (does not apply to this device and never goes to OpenStreetMap)',
  'merge.survivor': 'kept',
  'merge.other': 'merged in',
  'merge.distance': '{m} m apart',
  'merge.status.pending': 'To review',
  'merge.status.approved': 'Approved',
  'merge.status.rejected': 'Rejected',
  'merge.conflicts': 'Open conflicts: {n}',
  'merge.unpublishes':
    'The kept camera is not approved: the merged camera leaves the public map and the OSM export until it is approved.',

  // "Not the same camera": two records flagged as possible duplicates that the
  // organisers know are two cameras, and taking it back.
  'merge.distinct': 'Not the same camera',
  'merge.distinctHelp':
    'Two distinct cameras (on one pole, say): the pair is no longer flagged as a possible duplicate, here, on the public map or in the exports.',
  'merge.distinctDone': 'Noted: two distinct cameras; the pair is flagged no more.',
  'rev.notDup': 'Not the same camera as the one {m} m away ({who}, {date})',
  'rev.maybeDup': 'They may be the same after all',
  'rev.maybeDupDone': 'The pair is flagged as a possible duplicate again.',
  'hist.op.not_duplicate': 'not the same camera',
  'hist.op.maybe_duplicate': 'may be the same camera',
  'hist.op.duplicate_merged': 'its possible duplicate was merged',

  'conf.empty': 'No open conflict.',
  'conf.field': 'Field “{field}”',
  'conf.deleteEdit': 'Deleted by one, edited by the other',
  'conf.base': 'Original value: {v}',
  'conf.pick': 'Pick “{value}”',
  'conf.current': 'current',
  'conf.resolved': 'Conflict settled: everyone gets it on their next sync.',
  'conf.byAt': '{who}, {when}',
  'conf.camera': 'Camera {id}',

  'hist.title': 'History',
  'hist.empty': 'No change received.',
  'hist.was': ': ',
  'hist.status.conflict': 'in conflict',
  'hist.status.rejected': 'not applied',
  'hist.op.create': 'created',
  'hist.op.update': 'edited',
  'hist.op.delete': 'deleted',
  'hist.op.attach_photo': 'photo added',
  'hist.op.review': 'review',
  'hist.op.resolve': 'resolution',
  'hist.op.merge': 'merge',
  'hist.op.keep_approved': 'approved version kept',

  'sum.cameras.one': 'camera',
  'sum.cameras.other': 'cameras',
  'sum.new.one': 'new to OSM',
  'sum.new.other': 'new to OSM',
  'sum.inOsm.one': 'already in OSM',
  'sum.inOsm.other': 'already in OSM',
  'sum.approved.one': 'approved',
  'sum.approved.other': 'approved',
  'sum.pending.one': 'to review',
  'sum.pending.other': 'to review',
  'sum.rejected.one': 'rejected',
  'sum.rejected.other': 'rejected',
  'sum.rejectedNote.one': 'neither published nor exported',
  'sum.rejectedNote.other': 'neither published nor exported',
  'sum.gone.one': 'reported gone',
  'sum.gone.other': 'reported gone',
  'sum.goneNote.one':
    'not counted with the {n} camera: once approved, the export deletes their OSM node',
  'sum.goneNote.other':
    'not among the {n} cameras: once approved, the export deletes their OSM node',
  'sum.chartsCount.one':
    'Charts: the {n} camera new to OSM or already in it, with its approved values if it has some (rejected ones are left out).',
  'sum.chartsCount.other':
    'Charts: the {n} cameras new to OSM or already in it, with their approved values where they have some (rejected ones are left out).',
  'sum.published.one':
    '{n} published on the public map and in the files, as approved (a walker’s edit waits for review before it shows there).',
  'sum.published.other':
    '{n} published on the public map and in the files, as approved (a walker’s edit waits for review before it shows there).',
  'sum.others.one': '{n} other device logged, counted apart from the cameras ({kinds})',
  'sum.others.other': '{n} other devices logged, counted apart from the cameras ({kinds})',
  'sum.othersPublished.one': '{n} of them published on the public map',
  'sum.othersPublished.other': '{n} of them published on the public map',
  'sum.kindCount': '{kind}: {n}',
  'sum.density.one': '{n} camera / km² over {a} km²',
  'sum.density.other': '{n} cameras / km² over {a} km²',
  'sum.byKind': 'By kind',
  'sum.byOperator': 'By operator',
  'sum.byZone': 'By zone',
  'sum.byMount': 'By mount',
  'sum.byCameraType': 'By camera type',
  'sum.photos': 'Photos',
  'sum.noPhotos': 'No photo for this walk.',
  'sum.print': 'Print',
  'sum.unknown': 'not set',
  'sum.rest.one': '{n} other',
  'sum.rest.other': '{n} others',
  'sum.pickWalk': 'Pick a walk to see its summary.',
  'sum.map': 'Map of the cameras',
  'sum.mapAll': 'Map of the cameras and other devices',
  'sum.duplicates':
    'Pairs of flagged duplicates not merged yet: {n}. Each may be one device logged twice; both cameras count here, and on the public map if they are approved.',
  'rev.map': 'The camera’s position on the map',

  'chk.title': 'Before the first OSM upload (Organised Editing Guidelines)',
  'chk.ready': 'Ready to upload.',
  'chk.notReady': 'To complete before uploading.',
  'chk.hashtag': 'Campaign hashtag',
  'chk.wiki_page': 'Campaign wiki page',
  'chk.contact': 'How to reach the organisers',
  'chk.save': 'Save the checklist',
  'chk.saved': 'Checklist saved.',

  'exp.title': 'Exports',
  'exp.osc': 'osmChange (.osc) for JOSM',
  'exp.geojson': 'GeoJSON (uMap)',
  'exp.csv': 'CSV (spreadsheet: Excel, LibreOffice)',
  'exp.csvData': 'CSV (data: QGIS, pandas)',
  'exp.report': '{created}, {modified}, {deleted}, {skipped}',
  'exp.skippedCount.one': '{n} skipped',
  'exp.skippedCount.other': '{n} skipped',
  'exp.josm': 'Open in JOSM',
  'exp.skipped': 'Skipped: {camera}. {why}',
  'exp.cameraRemoved':
    'OSM node {node} maps something else than the gone camera: it stays, without the camera’s tags ({tags}).',
  'exp.camera': '{what}, logged by {who} on {date}',
  'exp.cameraId': 'camera {id}…',
  'exp.skip.not_approved': 'Not approved yet.',
  'exp.skip.no_position': 'No position.',
  'exp.skip.future_survey_day':
    'Surveyed on {surveyed}, a day that has not come yet: correct the survey date.',
  'exp.skip.past_survey_day':
    'Surveyed on {surveyed}, before camwalk could be used (2015): correct the survey date.',
  'exp.skip.node_not_in_data':
    'OSM node {node} is not in the OSM data loaded: deleted since, or outside the area loaded.',
  'exp.skip.node_taken':
    'OSM node {node} is already changed by another logged camera ({other}): merge the duplicates.',
  'exp.skip.nothing_to_change':
    'OSM node {node} already says all this survey says: nothing to change.',
  'exp.skip.gone_not_linked': 'Reported gone, but linked to no node of the OSM data.',
  'exp.skip.gone_vertex':
    'Reported gone, but OSM node {node} is a vertex of a way: remove its camera tags in an editor.',
  'exp.skip.gone_vertex_unknown':
    'Reported gone, but nothing says whether a way uses OSM node {node}: load the walk’s OSM cameras first.',
  'exp.skip.gone_member':
    'Reported gone, but OSM node {node} is a member of {relations}: in an editor, take it out of its relations, or remove its camera tags.',
  'exp.skip.gone_member_unknown':
    'Reported gone, but nothing says whether a relation lists OSM node {node}: load the walk’s OSM cameras first.',
  'exp.skip.demo_node': 'Node {node} is a demo camera: it does not exist in OpenStreetMap.',
  'exp.skip.newer_survey':
    'OSM node {node} was surveyed on {checked}, after this survey of {surveyed}: camwalk does not overwrite its newer values ({fields}). Compare on the spot or in an editor.',
  'exp.skip.gone_newer_survey':
    'Reported gone on {surveyed}, but OSM node {node} was surveyed on {checked}, after: camwalk does not delete it. Check on the spot.',
  'exp.skip.move_vertex': 'OSM node {node} is a vertex of a way: camwalk does not move it.',
  'exp.skip.move_vertex_unknown':
    'OSM node {node} may be a vertex of a way: load the walk’s OSM cameras first.',
  'exp.skip.no_longer_camera': 'OSM node {node} is no longer a camera (man_made=surveillance).',
  'exp.skip.no_longer_matches':
    'OSM node {node} was found by distance and is now mapped as another kind of device or facing elsewhere: check which camera it is.',
  'exp.skip.osm_not_loaded':
    'A new camera, but the walk’s OSM cameras were never loaded: load them first, or a camera already in OSM here would be added twice.',
  'exp.skip.outside_loaded_area':
    'A new camera outside the area whose OSM cameras were loaded: load the walk’s OSM cameras again, or a camera already in OSM here would be added twice.',
  'exp.skip.now_vertex': 'OSM node {node} is now a vertex of a way: it cannot be deleted.',
  'exp.skip.now_member': 'OSM node {node} is now a member of {relations}: it cannot be deleted.',
  'exp.relations.one': 'OSM relation {ids}',
  'exp.relations.other': 'OSM relations {ids}',
  'exp.relations.none': 'a relation',
  'exp.skip.bad_tags': 'Some values cannot go into OSM: {fields}.',
  // The rows of a GeoJSON or CSV file: every device logged (exportsviews.js rowsText).
  'exp.rows.geojson.one': '{n} device logged in the file, cameras and others together.',
  'exp.rows.geojson.other': '{n} devices logged in the file, cameras and others together.',
  'exp.rows.csv.one': '{n} row in the file, one per device logged (cameras and others).',
  'exp.rows.csv.other': '{n} rows in the file, one per device logged (cameras and others).',
  'exp.rows.approved': 'Approved devices only, as approved.',
  'exp.rows.all': 'Every device, as it is now (under review and rejected ones too).',
  'exp.rows.spreadsheet':
    'For a spreadsheet: opens with a double click; a text starting with = + - @ has an apostrophe before it.',
  'exp.rows.data':
    'For QGIS, pandas, csvkit: each value as it is. Import it; do not double-click it into a spreadsheet.',
  'exp.rows.signage': 'With the signage survey.',
  'exp.rows.private': 'With notes and walkers: a private file.',
  'exp.ambiguous':
    'To check: camera {camera}… will modify OSM node {node} ({m}\u00a0m), but node {other} is nearly as close ({otherM}\u00a0m). Choose on its review card if that is not the one.',
  'exp.disagreeing':
    'To check: camera {camera}… will modify OSM node {node} ({m}\u00a0m), but they disagree: {keys}. If it is another camera, choose “New camera” on its review card.',
  'exp.disusedNearby':
    'To check: camera {camera}… will be a new OSM node, {m}\u00a0m from OSM node {node}, which is marked as no longer in use. If it is that camera, choose that node on its review card.',
  'exp.disusedNode':
    'To check: camera {camera}… will modify OSM node {node}, marked as no longer in use ({keys}). The file keeps that mark: whether the camera works is for someone on the spot to check.',
  // A new camera right beside one another survey has, and a mapper's tag the survey
  // denies (server/exports/osc.py PlanChecks).
  'exp.takenNearby':
    'To check: camera {camera}… will be a new OSM node, {m}\u00a0m from OSM node {node}, which camera {other}… updates. The same camera logged twice, or a second one there? If it is the same, merge the two cameras; if not, nothing to do.',
  'exp.takenNearbyElsewhere':
    'To check: camera {camera}… will be a new OSM node, {m}\u00a0m from OSM node {node}, which another logged camera is linked to. The same camera logged twice, or a second one there?',
  'exp.contradictedTag':
    'To check: camera {camera}… will modify OSM node {node}, which keeps the mapper’s {kept} while the survey says {surveyed}. camwalk removes no tag: check which is right on the spot or in an editor.',
  'up.done.ambiguous':
    'To check: camera {camera}… modified OSM node {node} ({m}\u00a0m), but node {other} was nearly as close ({otherM}\u00a0m). If that was not the one, correct it on OpenStreetMap.',
  'up.done.disagreeing':
    'To check: camera {camera}… modified OSM node {node} ({m}\u00a0m), but they disagreed: {keys}. If it was another camera, correct it on OpenStreetMap.',
  'up.done.disusedNearby':
    'To check: camera {camera}… is now a new OSM node, {m}\u00a0m from OSM node {node}, which is marked as no longer in use. If they are the same camera, merge them on OpenStreetMap.',
  'up.done.disusedNode':
    'To check: camera {camera}… modified OSM node {node}, marked as no longer in use ({keys}). The upload kept that mark: whether the camera works is for someone on the spot to check.',
  'up.title': 'Upload to OpenStreetMap',
  'up.account': 'Group’s OSM account: {who}',
  'up.noAccount': 'No OSM account connected to the group.',
  'up.connect': 'Connect an OSM account',
  'up.prepare': 'Prepare the upload',
  'up.confirmTitle': 'This is exactly what will be sent',
  'up.comment': 'Changeset comment: “{c}”',
  'up.counts': '{created} · {modified} · {deleted}',
  'up.created.one': '{n} creation',
  'up.created.other': '{n} creations',
  'up.modified.one': '{n} modification',
  'up.modified.other': '{n} modifications',
  'up.deleted.one': '{n} deletion',
  'up.deleted.other': '{n} deletions',
  'up.send': 'Send to OpenStreetMap',
  'up.sent.one': 'Sent: changeset {ids}.',
  'up.sent.other': 'Sent: changesets {ids}.',
  'up.recovered':
    'Read back from OpenStreetMap, from an earlier upload left unfinished: changeset {id} ({created} · {modified} · {deleted}); nothing is sent twice.',
  'up.failed': 'Not sent ({n}), to look at:',
  'up.toCheck': 'To check on OpenStreetMap: {checks}.',
  'up.check.ambiguous.one': '{n} uncertain match',
  'up.check.ambiguous.other': '{n} uncertain matches',
  'up.check.disagreeing.one': '{n} camera described otherwise in OSM',
  'up.check.disagreeing.other': '{n} cameras described otherwise in OSM',
  'up.check.disused_nearby.one': '{n} new camera beside one out of use',
  'up.check.disused_nearby.other': '{n} new cameras beside one out of use',
  'up.check.disused_node.one': '{n} camera marked as no longer in use in OSM',
  'up.check.disused_node.other': '{n} cameras marked as no longer in use in OSM',
  // What the upload says, as the export report does, of a new camera right beside an OSM
  // camera matched to another survey, and of a tag the survey denies: once sent
  // (up.done.*), and counted (up.check.*).
  'up.done.takenNearby':
    'To check: camera {camera}… is now a new OSM node, {m}\u00a0m from OSM node {node}, to which camera {other}… was matched. The same camera logged twice, or a second one there? If it is the same, merge the two nodes on OpenStreetMap.',
  'up.done.takenNearbyElsewhere':
    'To check: camera {camera}… is now a new OSM node, {m}\u00a0m from OSM node {node}, which another logged camera is linked to. The same camera logged twice, or a second one there? If it is the same, merge the two nodes on OpenStreetMap.',
  'up.done.contradictedTag':
    'To check: camera {camera}… modified OSM node {node}, which kept the mapper’s {kept} while the survey says {surveyed}. camwalk removed no tag: check on the spot which is right, and correct it on OpenStreetMap.',
  'up.check.taken_nearby.one':
    '{n} new camera right beside an OSM camera matched to another survey',
  'up.check.taken_nearby.other':
    '{n} new cameras right beside an OSM camera matched to another survey',
  // A change of the dry run's list that has something to check (changelist.js), in a few words.
  'up.mark.ambiguous_match': 'another node nearly as close',
  'up.mark.disagreeing_match': 'described otherwise in OSM',
  'up.mark.disused_nearby': 'beside a camera out of use',
  'up.mark.disused_node': 'node out of use',
  'up.mark.taken_nearby': 'beside a node another survey updates',
  'up.mark.contradicted_tag': 'keeps a tag the survey contradicts',
  'up.check.contradicted_tag.one': '{n} camera keeping an OSM tag the survey contradicts',
  'up.check.contradicted_tag.other': '{n} cameras keeping an OSM tag the survey contradicts',
  'up.nothing': 'Nothing to send: approve cameras first.',
  'up.heldBack.one':
    '{n} new camera of “{place}” held back: an osmChange file holding it was exported on {exported}, {since}. If that file went to OpenStreetMap (through JOSM), it would be created there twice. Press “Load OSM cameras” for this walk (Walks tab), then prepare the upload again.',
  'up.heldBack.other':
    '{n} new cameras of “{place}” held back: an osmChange file holding them was exported on {exported}, {since}. If that file went to OpenStreetMap (through JOSM), they would be created there twice. Press “Load OSM cameras” for this walk (Walks tab), then prepare the upload again.',
  'up.heldBack.since': 'after the walk’s OSM cameras were last loaded ({fetched})',
  'up.heldBack.never': 'and the walk’s OSM cameras were never loaded',
  'exp.earlierFile.since': 'after the OSM cameras were last loaded ({fetched})',
  'exp.earlierFile.never': 'and the OSM cameras were never loaded',
  'exp.earlierFile.one':
    'Careful: an osmChange file with new cameras was already exported on {exported}, {since}. If it went to OpenStreetMap (through JOSM), the create of this file may be there already: do not send it before pressing “Load OSM cameras” (Walks tab) and exporting again.',
  'exp.earlierFile.other':
    'Careful: an osmChange file with new cameras was already exported on {exported}, {since}. If it went to OpenStreetMap (through JOSM), the {n} creates of this file may be there already: do not send it before pressing “Load OSM cameras” (Walks tab) and exporting again.',
  'up.disconnect': 'Disconnect this account',
  'up.disconnected': 'OSM account disconnected, and its access withdrawn at OpenStreetMap.',
  'up.revokeByHand':
    'Disconnected here. OpenStreetMap did not confirm: withdraw camwalk’s access in your OSM settings (authorised OAuth 2 applications).',
  'up.back.connected': 'OpenStreetMap account connected to the group.',
  'up.back.declined': 'Connection declined on OpenStreetMap: nothing changed.',
  'up.back.state_expired': 'The connection took too long: start again.',
  'up.back.other_browser':
    'The connection was started in another browser: start again from this one.',
  'up.back.not_configured': 'This server has no OSM application set up (see the README).',
  'up.back.error': 'Connecting to OpenStreetMap failed: start again.',
  'up.list': 'Node by node ({n})',
  'up.truncated': 'List stopped at the first 500 elements; the osmChange file holds them all.',
  'up.action.create': 'create',
  'up.action.modify': 'modify',
  'up.action.delete': 'delete',
  'up.node': 'node {id} (v{v})',
  'up.newNode': 'new node',
  'up.deletes': 'The node will be deleted from OpenStreetMap.',
  'up.sameTags': 'Same tags; only the position or version changes.',
  'up.tagRemoved': 'removed',

  'pub.title': 'Public campaign map',
  'pub.on': 'Published: anyone with the link sees the approved cameras.',
  'pub.off': 'Not published.',
  'pub.publish': 'Publish the map',
  'pub.unpublish': 'Unpublish',
  'pub.viewsOn':
    'The public map offers what the approved cameras see (their views on the walks’ maps), with nothing about walkers.',
  'pub.viewsOff': 'The public map does not offer what the cameras see.',
  'pub.viewsShow': 'Show what the cameras see',
  'pub.viewsHide': 'Stop showing what the cameras see',
  'pub.link': 'Link to share',
  'pub.copy': 'Copy the link',
  'pub.copied': 'Link copied.',
  'pub.what':
    'The map shows position, kind, operator, direction and survey date, and only the photos you publish below, blurred. Never a pseudonym or a note.',

  'pp.title': 'Photos on the public map',
  'pp.what':
    'No photo is public until you have checked it. Draw a box over every face, number plate or window to hide: the public sees a blurred copy with no metadata at all.',
  'pp.count.one': '{n} public photo out of {of}',
  'pp.count.other': '{n} public photos out of {of}',
  'pp.none': 'No photo of an approved camera in this walk.',
  'pp.isPublic.one': 'public · {n} blurred area',
  'pp.isPublic.other': 'public · {n} blurred areas',
  'pp.notPublic': 'private',
  'pp.check': 'Check and publish',
  'pp.editTitle': 'Hide before publishing',
  'pp.howTo': 'Drag on the photo to box what must be blurred. Tap a box to remove it.',
  'pp.found.one':
    'The server found {n} face or number plate and boxed it. Check the box: drag it to move it, tap it to remove it, and box anything it missed (plates at an angle, faces turned away).',
  'pp.found.other':
    'The server found {n} faces or number plates and boxed them. Check each box: drag one to move it, tap one to remove it, and box anything it missed (plates at an angle, faces turned away).',
  'pp.foundNone':
    'The server found no face or number plate. Look anyway: it misses some plates and faces.',
  'pp.publish.one': 'Publish with {n} blurred area',
  'pp.publish.other': 'Publish with {n} blurred areas',
  'pp.keepPrivate': 'Keep private',
  'pp.close': 'Close',
  'pp.published': 'Photo published.',
  'pp.withdrawn': 'Photo taken off the public map.',
  'pp.withdrawnHere':
    'Photo taken off beside this camera; it stays published beside another camera.',
  'pp.beside': 'For this camera alone: {camera}. The photo’s other cameras keep their choice.',
  'pp.publicCopy': 'What the public will see',
  'blur.alt': 'Photo to check',
  'blur.remove': 'Remove this box',
  'blur.removeN': 'Remove box {n}',
  'grp.title': 'The group',
  'grp.name': 'Group name',
  'grp.ownTiles': 'No third-party tiles',
  'grp.ownTilesWhy':
    'Phones then show only the walk map (loaded with the OSM cameras) and tiles from the campaign’s own server: no tile server learns where the group walks. Organisers’ maps and the public map follow the same rule.',
  'grp.originals': 'Keep original photos',
  'grp.originalsWhy':
    'Originals keep their metadata (GPS position, device, time). Without them the server keeps only metadata-free copies, which are enough to review and publish.',
  'grp.save': 'Save',
  'grp.saved': 'Group settings saved.',
  'ppl.role.walker': 'walker',
  'ppl.role.organiser': 'organiser',
  'inv.title': 'Invites',
  'inv.roleLabel': 'Role of the invited person',
  'inv.expiry': 'Valid for',
  'inv.days.one': '{n} day',
  'inv.days.other': '{n} days',
  'inv.never': 'no time limit',
  'inv.maxUses': 'Number of uses',
  'inv.unlimited': 'unlimited',
  'inv.create': 'Create the link',
  'inv.made': 'Invite created.',
  'inv.none': 'No active invite.',
  'inv.past': 'Past invites ({n})',
  'inv.state.active': 'active',
  'inv.state.revoked': 'revoked',
  'inv.state.expired': 'expired',
  'inv.state.used': 'used up',
  'inv.uses': 'uses: {n} / {max}',
  'inv.until': 'until {d}',
  'inv.noExpiry': 'never expires',
  'inv.link': 'Invite link',
  'inv.copy': 'Copy the link',
  'inv.copied': 'Link copied.',
  'inv.qr': 'QR code',
  'inv.qrAlt': 'QR code of the invite link',
  'inv.scan': 'Scan this code with your phone camera to join the group.',
  'inv.print': 'Print',
  'inv.revoke': 'Revoke',
  'inv.revoked': 'Invite revoked: the link no longer works.',
  'wf.title': 'Import a walker’s file',
  'wf.what':
    'A phone that could not send its work saves it to a .geojson file (menu). Imported here, it goes in as if the walker had synced: nothing counts twice.',
  'wf.choose': '.geojson file',
  'wf.sending': 'Importing {name}…',
  'wf.notJson': 'This file cannot be read: it is not a camwalk walker file.',
  'wf.done': 'File of {who} imported.',
  'wf.applied': 'Changes recorded: {n}',
  'wf.conflicts': 'Of which in conflict, to settle in the Conflicts tab: {n}',
  'wf.replayed': 'Already received, not counted twice: {n}',
  'wf.photos': 'Photos received: {n}',
  'wf.left': 'Left out: {n}',
  'wf.change': 'Change no. {i}',
  'wf.photo': 'Photo {sha}',
  'wf.unproven':
    'Nothing proves that this file comes from the phone of “{who}”: an older app, an edited file, or a file naming somebody else. Its changes would be recorded as theirs.',
  'wf.importAnyway': 'This is “{who}”’s file: import it',
  'wf.unprovenDone': 'Imported without proof that it comes from their phone, as you asked.',
  'mem.title': 'Members ({n})',
  'mem.what': 'Removing someone signs their phones out; the cameras they logged stay.',
  'mem.pseudonym': 'Pseudonym',
  'mem.role': 'Role',
  'mem.since': 'Since',
  'mem.actions': 'Actions',
  'mem.you': 'you',
  'mem.remove': 'Remove',
  'mem.keep': 'Cancel',
  'mem.confirm': 'Remove {who}?',
  'mem.removed': '{who} was removed from the group.',
  'walks.title': 'The group’s walks',
  'walks.new': 'New walk',
  'walks.name': 'Name',
  'walks.date': 'Date',
  'walks.drawHelp':
    'Area: tap the map to place its corners, going round in order (at least 3). Optional.',
  'walks.tapToDraw': 'No corner yet.',
  'walks.needThree': 'At least one more corner: an area needs 3.',
  'walks.crossing': 'Two sides cross: remove the last corner and place it elsewhere.',
  'walks.areaSize': '{n} corners, {ha} ha',
  'walks.undo': 'Remove the last corner',
  'walks.clear': 'Clear',
  'walks.locate': 'Centre on me',
  'walks.noFix': 'No position available.',
  'walks.create': 'Create the walk',
  'walks.made': 'Walk “{name}” created.',
  'walks.none': 'No walks yet.',
  'walks.hasArea': 'area drawn',
  'walks.noArea': 'no area',
  'walks.fetchOsm': 'Load OSM cameras',
  'walks.fetching': 'Loading from OpenStreetMap…',
  'walks.lastFetched': 'OSM cameras loaded on {at}.',
  'walks.neverFetched': 'OSM cameras never loaded for this walk.',
  'walks.walkMap':
    'Walk map: {n} streets, paths, buildings and landmarks, kept offline by the phones.',
  // The answer of a walk's OSM fetch (osmfetch.js), each count in its own form.
  'walks.fetched.one': '{n} OSM camera ({added}, {changed}, {gone} since last time).',
  'walks.fetched.other': '{n} OSM cameras ({added}, {changed}, {gone} since last time).',
  'walks.fetched.added.one': '{n} new',
  'walks.fetched.added.other': '{n} new',
  'walks.fetched.changed.one': '{n} changed',
  'walks.fetched.changed.other': '{n} changed',
  'walks.fetched.gone.one': '{n} gone',
  'walks.fetched.gone.other': '{n} gone',
  'walks.fetched.keptNewer.one':
    '{n} camera kept as camwalk sent it: the copy of OSM read is older than that upload.',
  'walks.fetched.keptNewer.other':
    '{n} cameras kept as camwalk sent them: the copy of OSM read is older than that upload.',
  'walks.fetched.keptDeleted.one':
    '{n} camera kept out: an upload of camwalk took it out of OSM, and the copy read is older than that upload.',
  'walks.fetched.keptDeleted.other':
    '{n} cameras kept out: an upload of camwalk took them out of OSM, and the copy read is older than that upload.',
  'walks.review': 'Review its cameras',
  // A fetch refused because cameras logged far away widen the walk (osmfetch.js).
  'walks.farHeading': 'Look at these first: the cameras logged farthest from the walk.',
  'walks.farCamera': '{camera}: {km} km from the walk ({at}).',
  'edit.lens': 'Direction of lens {n} (0 to 359°)',
  'edit.addLens': 'Add a lens',
  'edit.removeLens': 'Remove lens {n}',
  // The OSM node on the review card (osmnode.js).
  'rev.osm.title': 'OpenStreetMap',
  'rev.osm.onceApproved': 'Once approved, the export',
  'rev.osm.export': 'The export',
  'rev.osm.create': 'creates a new OSM node.',
  'rev.osm.modify': 'updates OSM node #{id}, {m} m away.',
  'rev.osm.delete': 'deletes OSM node #{id} (reported gone).',
  'rev.osm.removeCamera':
    'takes the camera (reported gone) off OSM node #{id}, which stays: it maps something else too (a street lamp, a sign…). Tags removed: {tags}.',
  'rev.osm.nothing': 'sends nothing for it.',
  'rev.osm.ambiguous':
    'Node #{other} is nearly as close: GPS cannot tell the two apart. Check which one it is.',
  'rev.osm.by.link': 'Node named (by you, a walker or an earlier upload).',
  'rev.osm.by.distance': 'Node found by distance: the nearest compatible OSM camera.',
  'rev.osm.by.new_camera': 'You marked it as a new camera: no OSM node will be matched to it.',
  'rev.osm.nodeLink': 'Node #{id} (version {v}) on openstreetmap.org',
  'rev.osm.choose': 'Which OSM camera is it?',
  'rev.osm.candidate': 'Node #{id} · {m} m',
  'rev.osm.new': 'New camera (not in OSM)',
  'rev.osm.view': 'view',
  'rev.osm.taken': '(already another surveyed camera’s node)',
  'rev.osm.saved': 'Choice saved.',
  'rev.osm.notNode':
    'The walker answered “It is another one” about OSM node #{id}: the export will not match it to that node by distance.',
  'rev.osm.saidNot': '(“it is another one”, says the survey)',
  'rev.osm.disagreeing':
    'The node says otherwise: {keys}. Check it is the same camera (domes are easily misjudged); if not, choose “New camera”.',
  'rev.osm.differ': '{key} surveyed {surveyed}, {osm} in OSM',
  'rev.osm.otherKind': 'Node #{id} · {m} m · another kind in OSM: {kind}',
  'rev.osm.outOfUse': 'Node #{id} · {m} m · no longer in use in OSM',
  'rev.osm.outOfUseNear':
    'OSM node #{id}, {m} m away, is marked as no longer in use: the export never matches it by distance. If it is this camera, choose it; it stays marked out of use.',
  'rev.refreshing': 'Updating the cards to review…',
  // Account tab, a member's devices, removal with her invite, originals left.
  'org.tab.account': 'My account',
  'acc.title': 'My account',
  'mem.devices': 'Devices',
  'mem.devicesOf': 'Devices of {who}',
  'mem.link': 'Sign-in link',
  'mem.linkOf': 'Sign-in link for {who}',
  'mem.linkWhat':
    'Opened on her phone, this link signs her in under her pseudonym, with no password, with what waits on the phone. One use; valid until {d}. A new link replaces this one.',
  'mem.linkRevoke': 'Revoke the link',
  'mem.linkRevoked': '{who}’s sign-in link no longer works.',
  'mem.linkQrAlt': 'QR code of the sign-in link',
  'mem.alsoInvite.one':
    'Also revoke the invite they joined with ({role} invite of {date}, used {n} time).',
  'mem.alsoInvite.other':
    'Also revoke the invite they joined with ({role} invite of {date}, used {n} times).',
  'mem.inviteOthers': 'The {n} other people who joined with it stay members.',
  'mem.removedAndInvite': '{who} was removed from the group and their invite revoked.',
  'grp.originalsLeft.one':
    '{n} original photo ({size}) is still on the server, with what the camera wrote in it (GPS position, time, serial number).',
  'grp.originalsLeft.other':
    '{n} original photos ({size}) are still on the server, with what the camera wrote in them (GPS position, time, serial number).',
  'grp.originalsDelete.one': 'Delete the original ({size})',
  'grp.originalsDelete.other': 'Delete the {n} originals ({size})',
  'grp.originalsConfirm.one':
    'Delete {n} original ({size}) for good? Its copy without metadata stays.',
  'grp.originalsConfirm.other':
    'Delete {n} originals ({size}) for good? The copies without metadata stay.',
  'grp.originalsDeleteYes': 'Delete',
  'grp.originalsKeep': 'Keep',
  'grp.originalsDeleted.one': '{n} original deleted ({size}).',
  'grp.originalsDeleted.other': '{n} originals deleted ({size}).',
  // The signage survey's commune file, exports and public map fields.
  'org.tab.signage': 'Signage',
  'sig.what':
    'The commune’s file (walks with the same name): figures, map, cameras with no sign, an incomplete sign or a partly recorded one, method. Only approved cameras count.',
  'sig.print': 'Print',
  'sig.heading': 'Signage of surveillance cameras: {commune}',
  'sig.counts': 'Figures',
  'sig.count.cameras': 'Cameras surveyed',
  'sig.count.no_sign': 'no sign found',
  'sig.count.complete_sign': 'sign seen, all six items recorded as stated',
  'sig.count.incomplete_sign': 'sign seen, at least one item recorded as not stated',
  'sig.count.partly_checked_sign': 'sign seen, items partly recorded (none as not stated)',
  'sig.count.sign_not_checked': 'sign not checked (‘not looked’ or nothing recorded)',
  'sig.count.private_aimed_at_road': 'private (business, residence) filming the public road',
  'sig.duplicates.one':
    'Caution: {n} pair of these cameras may be one device (a possible duplicate the organisers have not dealt with yet); the number of cameras may count it twice. In the table, * marks these cameras.',
  'sig.duplicates.other':
    'Caution: {n} pairs of these cameras may each be one device (possible duplicates the organisers have not dealt with yet); the number of cameras may count them twice. In the table, * marks these cameras.',
  'sig.map': 'Map (numbers refer to the table; grey dots: other cameras)',
  'sig.table': 'Cameras with no sign, an incomplete sign or a partly recorded one',
  'sig.noneListed':
    'No camera was recorded with no sign, an incomplete sign or a partly recorded one.',
  'sig.noSign': 'no sign',
  'sig.unanswered': 'not recorded: {items}',
  'sig.photo': 'Blurred photo of camera {n}',
  'sig.col.number': 'No.',
  'sig.col.surveyed_on': 'Surveyed on',
  'sig.col.lacking': 'What is missing',
  'sig.col.filmed_by': 'Who films',
  'sig.col.aimed_at_road': 'Public road',
  'sig.col.position': 'Position',
  'sig.col.photos': 'Photos (blurred)',
  'sig.method': 'Method',
  'sig.methodWhat':
    'For each camera, the people who walked the area noted whether a sign tells the public, what it states ({items}), who films and whether the camera films the public road. Only cameras the organisers checked are counted. An item nobody recorded is not counted as missing.',
  'sig.methodWhen.one': 'Surveyed from {first} to {last}, by {n} person.',
  'sig.methodWhen.other': 'Surveyed from {first} to {last}, by {n} people.',
  'sig.methodWalks': 'Walks: {walks}.',
  'sig.facts': 'This document reports observations; it qualifies no situation.',
  'exp.signage': 'Include the signage survey (GeoJSON and CSV)',
  'exp.approved':
    'Approved cameras only, as approved (GeoJSON and CSV to publish; untick to review everything)',
  'pub.fields': 'Signage survey on the public map',
  'pub.fieldsWhat':
    'Nothing of this survey is public until you tick a field. It is never sent to OpenStreetMap.',
  'pub.fieldsSave': 'Save the published fields',
  'pub.fieldsSaved': 'Published fields saved',
  'rev.photoPreparing': 'Photo received, being prepared…',
  'rev.photoUnreadable': 'Photo received but unreadable',
};

Object.assign(DICTIONARIES.fr, fr);
Object.assign(DICTIONARIES.en, en);
