export default {
  'app.name': 'camwalk',
  'app.tagline': 'Relever les caméras de surveillance à pied, même sans réseau.',
  'lang.switch': 'English',
  'lang.label': 'Langue',

  'welcome.title': 'Bienvenue',
  'welcome.invite': 'Ouvrez le lien d’invitation de votre groupe, ou collez-le ici\u00a0:',
  'welcome.code': 'Lien ou code d’invitation',
  'welcome.continue': 'Continuer',
  'welcome.organiser': 'Se connecter',

  'join.title': 'Rejoindre le groupe',
  'join.intro': 'Choisissez un pseudonyme\u00a0: c’est le seul nom que le groupe verra.',
  'join.pseudonym': 'Pseudonyme',
  'join.submit': 'Rejoindre',
  'join.code': 'Code d’invitation\u00a0: {code}',

  'login.title': 'Connexion',
  'login.againTitle': 'Se reconnecter',
  'login.group': 'Groupe (identifiant)',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.again':
    'Votre session a expiré. Reconnectez-vous\u00a0: rien n’est perdu sur ce téléphone.',
  'login.unknownTitle': 'Rejoindre le groupe à nouveau',
  'login.unknown':
    'Le serveur ne connaît plus ce téléphone\u00a0: il a sans doute été restauré depuis une sauvegarde faite avant votre arrivée. Rejoignez le groupe avec votre lien d’invitation sous le même pseudonyme, «\u00a0{who}\u00a0»\u00a0: ce qui est sur ce téléphone lui sera renvoyé. Sous un autre pseudonyme, le téléphone ne saurait plus que ce travail est le vôtre.',
  'login.rejoin': 'Rejoindre sous «\u00a0{who}\u00a0»',
  'login.invite': 'J’ai un lien (connexion ou invitation)',
  'login.noPassword':
    'Pas de mot de passe\u00a0? Demandez à votre organisation un «\u00a0lien de connexion\u00a0» et ouvrez-le sur ce téléphone\u00a0: il vous reconnecte sous le même pseudonyme, et ce qui attend ici part à votre nom.',
  'password.current': 'Mot de passe actuel',
  'signin.title': 'Connexion par lien',
  'signin.intro':
    'Ce lien de connexion, fait pour vous par l’organisation, reconnecte ce téléphone sous votre pseudonyme. Ce qui attend sur le téléphone part ensuite à votre nom.',
  'signin.go': 'Me connecter',
  'signin.offline': 'Pas de réseau\u00a0: le lien n’a pas servi. Réessayez une fois connecté·e.',
  'join.stranded':
    'Ce téléphone garde du travail non envoyé de {who}\u00a0: {what}. Sous un autre pseudonyme, il ne partira pas\u00a0: il attendra que {who} se reconnecte. Si vous êtes {who}, demandez plutôt un lien de connexion à l’organisation.',
  'others.waiting':
    'Du travail de {who} attend sur ce téléphone\u00a0: {what}. Il ne part pas sous votre nom\u00a0: il partira quand {who} se reconnectera ici (lien de connexion de l’organisation), ou enregistrez-le dans un fichier pour l’organisation.',
  'own.aside.one':
    '{n} caméra attend que vous corrigiez ce que le serveur a refusé\u00a0: ouvrez la balade et touchez-la.',
  'own.aside.other':
    '{n} caméras attendent que vous corrigiez ce que le serveur a refusé\u00a0: ouvrez la balade et touchez chacune.',
  'own.waiting':
    'En attente sur ce téléphone\u00a0: {what}. Rien n’est perdu, tout partira avec la prochaine synchronisation.',
  'others.save': 'Enregistrer le travail de {who} (fichier)',
  'login.back': 'Retour',

  'walks.title': 'Choisir une balade',
  'walks.empty': 'Aucune balade pour l’instant. Demandez à l’organisation d’en créer une.',
  'walks.offline': 'Hors ligne\u00a0: liste enregistrée sur ce téléphone.',
  'walks.refresh': 'Actualiser',
  'walks.organise': 'Espace organisation',

  'storage.title': 'Stockage sur ce téléphone',
  'storage.persisted':
    'Stockage persistant accordé\u00a0: le navigateur ne videra pas vos relevés.',
  'storage.notPersisted':
    'Stockage persistant refusé\u00a0: le navigateur pourrait effacer des relevés non envoyés si le téléphone manque de place. Installez l’application et synchronisez souvent.',
  'storage.unknown': 'Ce navigateur ne dit pas s’il garde les données.',
  'storage.full':
    'Plus de place sur le téléphone\u00a0: rien n’a changé. Libérez de la place (photos, vidéos, applis), puis réessayez.',
  'storage.usage': '{used} utilisés sur {quota} disponibles',
  'storage.tab':
    'Vous utilisez camwalk dans un onglet du navigateur. Ajoutez-le à l’écran d’accueil pour qu’il s’ouvre sans réseau et garde vos données.',
  'storage.install': 'Installer l’application',

  'map.locating': 'Recherche de la position…',
  'map.accuracy': 'Précision {m} m',
  'map.noGps': 'Position indisponible',
  'map.add': 'Relever une caméra',
  'map.legend.mine': 'Relevées sur cette balade',
  'map.legend.earlier': 'Relevées sur d’autres balades',
  'map.earlier': 'relevée sur une autre balade',
  'map.legend.osm': 'Déjà dans OpenStreetMap',
  'map.legend.pending': 'Pas encore envoyé',
  'map.legend.photoPending': 'Sur le serveur, photo pas encore envoyée',
  'map.legend.held': 'D’un autre membre, pas encore envoyé',
  'map.center': 'Centrer sur ma position',
  'map.menu': 'Menu',

  'log.title': 'Nouvelle caméra',
  'log.editTitle': 'Modifier la caméra',
  'log.kind': 'Type d’appareil',
  'log.cameraType': 'Forme',
  'log.mount': 'Fixée sur',
  'log.surveillance': 'Ce qu’elle filme',
  'log.zone': 'Zone',
  'log.operator': 'Exploitant',
  'log.operatorHint': 'ex. Police municipale',
  'log.height': 'Hauteur (m)',
  'log.note': 'Note privée (jamais publiée)',
  'log.direction': 'Direction',
  'log.facesMe': 'Elle me regarde',
  'log.facesMeHint': 'Tenez le téléphone face à la caméra, puis touchez.',
  'log.degrees': 'Degrés (0–359)',
  'log.dragArrow': 'Ou faites glisser le rond rouge au bout de la flèche, sur la carte.',
  'log.noCompass':
    'Boussole indisponible\u00a0: tapez les degrés ou faites glisser le rond rouge au bout de la flèche.',
  'log.position': 'Position',
  'log.poorFix': 'Position imprécise ({m}\u00a0m)\u00a0: déplacez l’épingle si besoin.',
  'log.pinHint': 'Faites glisser l’épingle rouge pour corriger.',
  'log.photos': 'Photos',
  'log.addCloseUp': 'Photo de près',
  'log.addContext': 'Photo d’ensemble',
  'log.exifOffer':
    'La photo indique une position à\u00a0{m}\u00a0m de précision, meilleure que le GPS ({g}\u00a0m).',
  'log.exifDirection': 'La photo indique une direction de {deg}°.',
  'log.useExif': 'Utiliser',
  'log.photoError': 'Impossible de lire cette photo.',
  'log.more': 'Plus de détails',
  'log.save': 'Enregistrer',
  'log.cancel': 'Annuler',
  'log.saving': 'Enregistrement…',
  'log.saved': 'Enregistré sur le téléphone.',
  'log.notSaved': 'Échec de l’enregistrement\u00a0: rien n’a été perdu, réessayez.',
  'log.storageFull':
    'Plus de place sur le téléphone\u00a0: cette caméra n’est pas enregistrée. Libérez de la place (photos, vidéos, applis), puis touchez Enregistrer\u00a0: le formulaire reste ouvert.',
  'log.removePhoto': 'Retirer la photo',
  'log.leaveAsk': 'Abandonner cette caméra\u00a0?',
  'log.leaveEditAsk': 'Abandonner ces modifications\u00a0?',
  'log.leaveKeep': 'Continuer la saisie',
  'log.leaveConfirm': 'Abandonner',

  'near.osm': 'Une caméra OpenStreetMap est à\u00a0{m}\u00a0m.',
  'near.group': 'Le groupe a déjà relevé une caméra à\u00a0{m}\u00a0m.',
  'near.still': 'Toujours là',
  'near.gone': 'Disparue',
  'near.open': 'Voir ce relevé',
  'near.new': 'C’est une autre',
  'near.confirmed': 'Merci\u00a0: confirmé.',
  'near.kind': 'Dans OpenStreetMap, c’est\u00a0: {kind}.',
  'near.takeBack': 'Retirer cette réponse',
  'near.takenBack': 'Réponse retirée, dès que vous enregistrez.',

  // Une caméra OSM qu’un contributeur a marquée hors service : proposée et dessinée à part.
  // Espaces insécables avant « : » et « ? » : à 390 px, le « ? » partait seul à la ligne.
  'near.osmOutOfUse':
    'Une caméra marquée hors service dans OpenStreetMap est à\u00a0{m}\u00a0m\u00a0: est-ce celle-ci\u00a0?',
  'near.outOfUseNote':
    'Votre réponse dit à l’organisation que la caméra est là\u00a0; OpenStreetMap continue de la marquer hors service.',
  'near.itIs': 'C’est celle-ci',
  'obs.osmOutOfUse': 'Nœud OpenStreetMap {id}, marqué hors service',
  'map.legend.osmOutOfUse': 'Hors service dans OpenStreetMap',

  'obs.title': 'Caméra',
  'obs.by': 'relevée par {who} le {date}',
  'obs.otherWalk': 'Sur la balade «\u00a0{walk}\u00a0»',
  'obs.edit': 'Modifier',
  'obs.delete': 'Supprimer cette caméra',
  'obs.deleteAsk': 'Supprimer cette caméra de la balade\u00a0? L’organisation en garde la trace.',
  'obs.deleteConfirm': 'Oui, supprimer',
  'obs.deleteKeep': 'Non, garder',
  'obs.deleted': 'Caméra supprimée.',
  'obs.markGone': 'Elle n’est plus là',
  'obs.markedGone': 'Notée disparue\u00a0: les organisateurs verront le changement.',
  'obs.deleteFailed': 'Suppression non enregistrée sur ce téléphone.',
  'obs.photoPreparing': 'En préparation sur le serveur…',
  'obs.photoUnreadable': 'Reçue, mais illisible',
  'obs.close': 'Fermer',
  'obs.osm': 'Nœud OpenStreetMap {id}',
  'obs.goneFlag': 'Signalée disparue',
  'obs.osmNot': 'Pas le nœud OpenStreetMap {id} (une autre caméra)',

  'state.pending': 'pas encore envoyée',
  'state.sending': 'envoi…',
  'state.safe': 'en sécurité sur le serveur',
  'state.conflict': 'conflit',
  'state.rejected': 'refusée par le serveur',
  // Une caméra sur le serveur dont seule une photo est refusée.
  'state.photoRejected': 'photo refusée par le serveur',
  'state.lost': 'photo en taille réelle perdue, petite copie gardée',
  'state.held': 'd’un autre membre, pas encore envoyée',
  'state.photoPending': 'sur le serveur, photo pas encore envoyée',
  'obs.heldBy.one':
    'Du travail de {who} sur cette caméra attend sur ce téléphone\u00a0: il partira quand {who} se reconnectera ici. D’ici là, rien ne peut en être modifié ni abandonné sous votre nom.',
  'obs.heldBy.other':
    'Du travail de {who} sur cette caméra attend sur ce téléphone\u00a0: il partira quand chacun·e se reconnectera ici. D’ici là, rien ne peut en être modifié ni abandonné sous votre nom.',

  'conflict.title': 'Conflit\u00a0: un·e autre participant·e a modifié ce champ',
  'conflict.mine': 'Votre valeur',
  'conflict.theirs': 'L’autre valeur',
  'conflict.inPlace': 'en place pour l’instant',
  'conflict.base': 'Avant',
  'conflict.wait': 'L’organisation choisira. Vos données sont gardées.',

  'sync.now': 'Synchroniser',
  'sync.running': 'Synchronisation…',
  'sync.pending': '{n} à envoyer',
  'sync.allSafe': 'Tout est sur le serveur',
  'sync.progress': '{cameras} · {photos} · {bytes}',
  'sync.offline': 'Hors ligne\u00a0: les relevés partiront au retour du réseau.',
  'sync.failed': 'Échec de la synchronisation, nouvel essai dans {s} s.',
  'sync.done': 'Synchronisé.',
  'sync.doneAside.one':
    'Synchronisation terminée, {n} élément mis de côté (refusé par le serveur).',
  'sync.doneAside.other':
    'Synchronisation terminée, {n} éléments mis de côté (refusés par le serveur).',

  'update.available': 'Nouvelle version prête.',
  'update.reload': 'Mettre à jour',
  'update.later': 'Plus tard',
  'update.finishFirst':
    'Enregistrez ou abandonnez d’abord la caméra en cours\u00a0: la mise à jour recharge l’application.',

  'part.offline':
    'Cette partie de l’application n’est pas gardée sur ce téléphone\u00a0: elle se chargera au retour du réseau.',
  'part.newVersion':
    'Cette partie de l’application n’a pas pu être chargée\u00a0: le serveur a une nouvelle version. Touchez «\u00a0{update}\u00a0» en haut de l’écran, ou rechargez la page.',
  'part.retry': 'Réessayer',
  'part.title': 'Page indisponible',
  'part.back': 'Retour aux balades',
  'password.label': 'Mot de passe (facultatif)',
  'password.why':
    'Pour vous reconnecter si votre session expire, ou depuis un autre téléphone\u00a0: groupe, pseudonyme et ce mot de passe (10 caractères au moins).',
  'password.save': 'Enregistrer le mot de passe',
  'password.saved': 'Mot de passe enregistré. Groupe\u00a0: {group}.',
  'menu.title': 'Menu',
  'menu.walk': 'Changer de balade',
  'menu.logout': 'Se déconnecter',
  'menu.logoutUnsynced': 'Pas encore envoyé\u00a0: {what}. Synchronisez d’abord.',
  'menu.close': 'Fermer',
  'menu.signedIn': '{who} · {group}',

  'error.network': 'Pas de réseau. Réessayez quand vous serez connecté·e.',
  'error.generic': 'Quelque chose n’a pas marché ({code}).',
  'error.invite': 'Ce lien d’invitation n’est pas valable.',
  'error.login': 'Groupe, pseudonyme ou mot de passe incorrect.',
  'error.pseudonym': 'Ce pseudonyme est déjà pris dans le groupe.',

  'v.kind.camera': 'Caméra',
  'v.kind.ALPR': 'Lecture de plaques',
  'v.kind.guard': 'Vigile',
  'v.kind.gunshot_detector': 'Détecteur de tirs',
  'v.camera_type.fixed': 'Fixe',
  'v.camera_type.dome': 'Dôme',
  'v.camera_type.panning': 'Mobile',
  'v.mount.wall': 'Mur',
  'v.mount.pole': 'Poteau',
  'v.mount.ceiling': 'Plafond',
  'v.mount.street_lamp': 'Lampadaire',
  'v.mount.traffic_signals': 'Feu tricolore',
  'v.mount.tree': 'Arbre',
  'v.surveillance.public': 'Espace public',
  'v.surveillance.outdoor': 'Extérieur privé',
  'v.surveillance.indoor': 'Intérieur',
  'v.zone.town': 'Ville',
  'v.zone.traffic': 'Circulation',
  'v.zone.parking': 'Parking',
  'v.zone.shop': 'Commerce',
  'v.zone.bank': 'Banque',
  'v.zone.building': 'Bâtiment',
  'v.zone.entrance': 'Entrée',
  'v.role.close_up': 'de près',
  'v.role.context': 'ensemble',
  'v.role.other': 'autre',
  'v.presence.present': 'présente',
  'v.presence.gone': 'disparue',
  'field.position': 'Position',
  'field.kind': 'Type',
  'field.surveillance': 'Filme',
  'field.camera_type': 'Forme',
  'field.mount': 'Fixée sur',
  'field.direction': 'Direction',
  'field.zone': 'Zone',
  'field.operator': 'Exploitant',
  'field.height_m': 'Hauteur',
  'field.note': 'Note',
  'field.presence': 'Présence',
  'field.manufacturer': 'Fabricant',
  'field.model': 'Modèle',
  'field.surveyed_on': 'Relevée le',
  'field.osm_node_id': 'Nœud OSM',

  // Walker, field-ready (issue 16)
  'log.notAPhoto':
    'Ce fichier n’est pas une photo que le serveur accepte (JPEG, PNG, WebP, HEIC ou TIFF)\u00a0: il n’a pas été ajouté.',
  'aside.photo':
    'Le serveur refuse cette photo\u00a0: elle reste sur le téléphone, le reste part sans elle.',
  'aside.change':
    'Le serveur refuse ce changement ({op})\u00a0: il est mis de côté, le reste part sans lui.',
  'aside.op.create': 'nouvelle caméra',
  'aside.op.update': 'modification',
  'aside.op.delete': 'suppression',
  'aside.op.attach_photo': 'ajout de photo',
  'aside.op.detach_photo': 'retrait de photo',
  'aside.hint':
    'Abandonnez-le, ou gardez-le et enregistrez vos relevés dans un fichier (menu) pour l’organisation.',
  'aside.behind.one':
    '{n}\u00a0changement plus récent de cette caméra attend derrière\u00a0: il partira une fois celui-ci corrigé, et sera abandonné avec lui.',
  'aside.behind.other':
    '{n}\u00a0changements plus récents de cette caméra attendent derrière\u00a0: ils partiront une fois celui-ci corrigé, et seront abandonnés avec lui.',
  'aside.drop': 'Abandonner',
  'aside.dropped': 'Abandonné\u00a0: le reste continue de partir.',
  'obs.changeRefused': 'Changement refusé par le serveur ({op})\u00a0: {why}',
  'obs.photoLost':
    '{why} Elle n’a pas été refusée\u00a0: si vous êtes encore sur place, reprenez-la.',
  'file.save': 'Enregistrer mes relevés non envoyés (fichier)',
  'file.saved':
    'Fichier enregistré\u00a0: {what}. Donnez-le à l’organisation, qui pourra l’importer.',
  'file.nothing': 'Rien à enregistrer\u00a0: tout est sur le serveur.',
  'file.failed': 'Le fichier n’a pas pu être créé. Vos relevés restent sur ce téléphone.',
  'file.orSave': 'Ou enregistrez-les dans un fichier.',
  'file.logoutAnyway': 'Se déconnecter quand même (le fichier est enregistré)',
  'log.noFix':
    'Pas de position\u00a0: l’épingle est au centre de la carte. Faites-la glisser sur la caméra.',
  'log.fixHere': 'Épingle posée à votre position (±{m}\u00a0m).',
  'log.exifFar':
    'Cette photo a été prise à {d} d’ici\u00a0: est-ce bien la photo de cette caméra\u00a0? Sa position n’est pas reprise.',
  'map.gpsDenied': 'Position refusée',
  'map.gpsHowToAllow':
    'Pour l’autoriser\u00a0: touchez le cadenas à côté de l’adresse, puis Autorisations → Position → Autoriser, et rechargez la page (sur iPhone\u00a0: Réglages → Safari → Position).',
  'map.gpsWait': 'Le téléphone ne trouve pas de position pour l’instant.',
  'map.gpsByHand':
    'En attendant, «\u00a0+\u00a0» pose l’épingle au centre de la carte\u00a0: faites-la glisser sur la caméra.',
  'map.noBasemap': 'Pas de fond de carte hors ligne ici',
  'map.noBasemapWhy':
    'Cette zone n’a jamais été affichée avec du réseau sur ce téléphone. Vos caméras et votre position restent affichées, et «\u00a0+\u00a0» marche.',
  'map.noBasemapOnline': 'Pas de fond de carte',
  'map.noBasemapOnlineWhy':
    'Le fond de carte n’arrive pas pour l’instant. Vos caméras et votre position restent affichées, et «\u00a0+\u00a0» marche.',
  'map.noteHide': 'Masquer',
  'map.legend.title': 'Légende',
  'sync.offlineChip': 'Hors ligne',
  'log.lens': 'Objectif {n}',
  'log.addLens': 'Ajouter un objectif',
  'log.removeLens': 'Retirer l’objectif {n}',
  // Join page and organiser wording (one block at the end, to ease merging).
  'join.pseudonymMissing': 'Choisissez un pseudonyme\u00a0: il ne peut pas être vide.',
  'join.pseudonymInvalid':
    'Ce pseudonyme n’est pas accepté\u00a0: 1 à 64 caractères, sans espace au début ni à la fin.',
  'join.titleGroup': 'Rejoindre «\u00a0{group}\u00a0»',
  'join.titleOrganiser': 'Devenir organisateur·rice de «\u00a0{group}\u00a0»',
  'join.asOrganiser':
    'Ce lien fait de vous un·e organisateur·rice du groupe «\u00a0{group}\u00a0»\u00a0: vous créerez ses balades, inviterez les marcheur·ses et validerez leurs relevés.',
  'walks.emptyOrganiser':
    'Aucune balade pour l’instant\u00a0: créez la première dans l’espace organisation.',
  // My devices (walker menu, organiser account tab; one block to ease merging).
  'dev.title': 'Mes appareils',
  'dev.what':
    'Les appareils connectés à votre compte. Un téléphone perdu ou prêté\u00a0? Déconnectez-le\u00a0: il ne pourra plus rien envoyer ni recevoir.',
  'dev.loading': 'Chargement des appareils…',
  'dev.none': 'Aucun appareil connecté.',
  'dev.offline': 'Hors ligne\u00a0: la liste des appareils s’affichera avec du réseau.',
  'dev.unnamed': 'Appareil sans nom',
  'dev.this': 'cet appareil',
  'dev.since': 'connecté le {d}',
  'dev.used': 'dernière utilisation le {d}',
  'dev.revoke': 'Déconnecter',
  'dev.keep': 'Annuler',
  'dev.confirmOwn':
    'Déconnecter «\u00a0{label}\u00a0»\u00a0? Il faudra votre mot de passe ou une invitation pour l’utiliser à nouveau.',
  'dev.confirm':
    'Déconnecter «\u00a0{label}\u00a0»\u00a0? La personne reste membre\u00a0; ses autres appareils continuent de fonctionner.',
  'dev.revoked': '«\u00a0{label}\u00a0» est déconnecté.',
  // Ce que voient les caméras (couche, bilan, itinéraire moins vu).
  'coverage.toggle': 'Ce que voient les caméras',
  'coverage.none':
    'Rien à montrer\u00a0: pas encore de fond de carte de la balade, ou aucune caméra orientée.',
  'coverage.failed':
    'Champs de vision indisponibles ici (pas de réseau\u00a0?). Réessayez en ligne.',
  'coverage.title': 'Ce que voient les caméras',
  'coverage.noMap':
    'Pas encore de fond de carte\u00a0: chargez les données OSM de la balade, les champs de vision seront alors coupés par ses bâtiments.',
  'coverage.range.identification': 'Identification (un visage, une plaque)',
  'coverage.range.recognition': 'Reconnaissance (une personne connue)',
  'coverage.range.observation': 'Observation (vêtements, gestes)',
  'coverage.streets': '{p} des rues ({m} m sur {total} m)',
  'coverage.space': '{p} de l’espace public',
  'coverage.mostWatched': 'Rues les plus surveillées',
  'coverage.watchedBy': '{n} caméras, {m} m dans le champ',
  'coverage.facades': 'Caméras pouvant identifier aux fenêtres ou aux portes\u00a0: {n}',
  'coverage.skipped.one': '{n} caméra fixe sans direction n’est pas comptée.',
  'coverage.skipped.other': '{n} caméras fixes sans direction ne sont pas comptées.',
  'coverage.indoor.one':
    '{n} caméra filme l’intérieur\u00a0: pas de vue sur la rue, elle n’est pas comptée.',
  'coverage.indoor.other':
    '{n} caméras filment l’intérieur\u00a0: pas de vue sur la rue, elles ne sont pas comptées.',
  'coverage.assumed':
    'Champs supposés pour des optiques courantes (densités EN 62676-4)\u00a0; l’organisation peut les changer dans les réglages de la campagne.',
  'route.toggle': 'Itinéraire moins vu',
  'route.pickStart': 'Touchez le départ de l’itinéraire.',
  'route.pickEnd': 'Touchez l’arrivée.',
  'route.result':
    'Le plus court\u00a0: {a} m, dont {av} m filmés. Le moins vu\u00a0: {b} m, dont {bv} m filmés.',
  'route.failed': 'Aucun itinéraire entre ces points sur le fond de carte.',
  'storage.walkMaps': 'Cartes de balade gardées hors ligne\u00a0: {count} ({size})',
  // The signage survey (docs/legal.md).
  'log.sign': 'Panneau\u00a0?',
  'log.signStates': 'Ce que le panneau indique\u00a0:',
  'log.filmedBy': 'Qui filme\u00a0?',
  'log.aimedAtRoad': 'Filme la voie publique\u00a0?',
  'log.addSign': 'Photo du panneau',
  'v.sign.seen': 'Vu',
  'v.sign.none': 'Aucun',
  'v.sign.not_looked': 'Pas regardé',
  'v.yes_no.yes': 'Oui',
  'v.yes_no.no': 'Non',
  'v.filmed_by.public_authority': 'Autorité publique',
  'v.filmed_by.transport_operator': 'Transporteur',
  'v.filmed_by.business': 'Commerce',
  'v.filmed_by.residence': 'Résidence',
  'v.filmed_by.unknown': 'Inconnu',
  'v.role.sign': 'panneau',
  'field.sign': 'Panneau',
  'field.sign_pictogram': 'Pictogramme caméra',
  'field.sign_responsible': 'Responsable du système',
  'field.sign_purpose': 'Finalité',
  'field.sign_retention': 'Durée de conservation',
  'field.sign_rights_contact': 'Contact pour exercer ses droits',
  'field.sign_cnil': 'Mention de la CNIL',
  'field.filmed_by': 'Qui filme',
  'field.aimed_at_road': 'Filme la voie publique',
  // A walker on a small phone with a bad connection: words for what she waits
  // for, titles in her language, counts as sentences (tp). One block, to ease merging.
  'log.photoPreparing': 'Préparation de la photo… L’enregistrement l’attend.',
  'walks.loading': 'Chargement des balades…',
  'walks.failed': 'Impossible de charger les balades.',
  'walks.kept': 'La liste enregistrée sur ce téléphone est affichée.',
  'walks.offlineNone': 'Hors ligne\u00a0: les balades se chargeront au retour du réseau.',
  'walks.retry': 'Réessayer',
  'walks.slow':
    'Le serveur tarde à répondre\u00a0: la connexion est peut-être faible. La demande continue\u00a0; vous pouvez aussi réessayer.',
  'log.pinTitle': 'Position de la caméra\u00a0: faites-la glisser',
  'log.directionTitle': 'Direction de la caméra\u00a0: faites-la glisser',
  'map.zoomIn': 'Zoomer',
  'map.zoomOut': 'Dézoomer',
  'map.closePopup': 'Fermer',
  'sync.conflicts.one': '{n} conflit à voir.',
  'sync.conflicts.other': '{n} conflits à voir.',
  'sync.rejected.one': '{n} modification refusée par le serveur.',
  'sync.rejected.other': '{n} modifications refusées par le serveur.',
  'obs.duplicate.one':
    'Doublon possible\u00a0: {n} autre relevé tout près. L’organisation vérifiera si c’est la même caméra.',
  'obs.duplicate.other':
    'Doublon possible\u00a0: {n} autres relevés tout près. L’organisation vérifiera si c’est la même caméra.',
  'aside.summary.one':
    '{n} caméra avec un élément refusé par le serveur\u00a0: touchez-la pour corriger.',
  'aside.summary.other':
    '{n} caméras avec un élément refusé par le serveur\u00a0: touchez chacune pour corriger.',
  'count.cameras.one': '{n} caméra',
  'count.cameras.other': '{n} caméras',
  'count.photos.one': '{n} photo',
  'count.photos.other': '{n} photos',
  'sync.pendingTitle.one': '{n} caméra pas encore envoyée',
  'sync.pendingTitle.other': '{n} caméras pas encore envoyées',
  // Des photos dont la caméra est déjà sur le serveur : comptées à part.
  'sync.pendingPhotos.one': '{n} photo à envoyer',
  'sync.pendingPhotos.other': '{n} photos à envoyer',
  'sync.pendingBoth': '{cameras} + {photos} à envoyer',
  'sync.pendingPhotosTitle.one': '{n} photo pas encore envoyée (sa caméra est sur le serveur)',
  'sync.pendingPhotosTitle.other':
    '{n} photos pas encore envoyées (leurs caméras sont sur le serveur)',
  // Les caméras sur la carte : le nom de leurs marqueurs, et le choix pour un endroit qui en a plusieurs.
  'map.name.typed': '{kind}, {type}',
  'map.name.facing': 'orientée à {dir}',
  'here.title': '{n} caméras ici',
  'here.hint':
    'Elles sont au même endroit de la carte. Choisissez-en une pour la voir ou la modifier.',
  'here.mine': 'relevée par vous',
  'here.duplicate': 'doublon possible',
  // Revenir sous son nom : déconnexion, retour par l’invitation, retrait (à garder ensemble).
  'welcome.loginHint': 'Déjà dans un groupe, avec un mot de passe\u00a0?',
  'logout.noPassword':
    'Pour revenir en tant que «\u00a0{who}\u00a0», il vous faudra un mot de passe (à définir avant de vous déconnecter) ou un lien de connexion de l’organisation.',
  'logout.confirm': 'Me déconnecter quand même',
  'join.pseudonymTaken':
    'Quelqu’un du groupe utilise déjà ce pseudonyme. Si c’est le vôtre, connectez-vous avec votre mot de passe, ou demandez un lien de connexion à l’organisation. Sinon, choisissez-en un autre.',
  'join.login': 'C’est le mien\u00a0: me connecter',
  'removed.title': 'Vous ne faites plus partie de ce groupe',
  'removed.body':
    'L’organisation a retiré «\u00a0{who}\u00a0» de «\u00a0{group}\u00a0». Ce téléphone ne peut plus rien envoyer au groupe, et un lien de connexion ne peut pas vous faire revenir.',
  'removed.unsent':
    'Jamais envoyé depuis ce téléphone\u00a0: {what}. Enregistrez-le dans un fichier et donnez-le à l’organisation si elle le veut encore.',
  'removed.nothing': 'Tout ce que vous avez relevé était déjà arrivé au serveur.',
  'removed.invite': 'J’ai un nouveau lien d’invitation',
  'expired.unsent':
    'En attente sur ce téléphone\u00a0: {what}. Tout y reste et partira une fois reconnecté·e\u00a0; vous pouvez aussi l’enregistrer dans un fichier.',
  // A sync answer the app cannot read (api/client.js unreadableAnswer): the server is there.
  'sync.unreadable':
    'Le serveur a répondu, mais d’une façon que l’application ne sait pas lire. Vos relevés restent sur ce téléphone\u00a0; nouvel essai dans {s} s.',
  'sync.unreadableLater':
    'Le serveur a répondu, mais d’une façon que l’application ne sait pas lire. Vos relevés restent sur ce téléphone et partiront à une prochaine synchronisation.',
};
