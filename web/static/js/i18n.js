// i18n: the UI's words in English, French and Swahili. The language comes
// from the user's choice (remembered in localStorage), else the browser's.

const STORAGE_KEY = 'mtaa.lang';
export const LANGUAGES = { en: 'English', fr: 'Français', sw: 'Kiswahili' };

const WORDS = {
  en: {
    'account.login': 'Log in', 'account.logout': 'Log out', 'account.who': '{name} ({role})', 'account.title': 'Log in to mtaa',
    'account.email': 'E-mail', 'account.password': 'Password', 'account.cancel': 'Cancel',
    'account.wrong': 'Wrong e-mail or password. After several wrong passwords, an account refuses logins for 15 minutes.',
    'account.expired': 'This one-time password is more than a day old: ask an administrator for a new one.',
    'account.mustChange': 'Choose your own password', 'account.newPassword': 'New password (at least 12 characters)',
    'account.toomany': 'Too many login attempts from this connection: wait a few minutes and try again.',
    'account.offline': 'No connection: logging in needs the network.', 'account.failed': 'Login failed: {why}',
    'role.viewer': 'viewer', 'role.mapper': 'mapper', 'role.moderator': 'moderator', 'role.admin': 'admin',
    'ops.login.hint': 'Log in as a moderator to send alerts.', 'ops.moderation.login': 'Log in as a moderator to change reports.',
    skip: 'Skip to content', lang: 'Language', nav: 'Pages', 'nav.map': 'Map', 'nav.report': 'Report', 'nav.ops': 'Civil defence',
    online: 'Online', offline: 'Offline: reports are kept on this phone and sent later',
    'map.label': 'Map', 'map.nobasemap': 'No basemap tiles on this server yet: reports are drawn on a blank background.',
    'map.loading': 'Loading the map…', 'map.failed': 'The map cannot be shown on this device (WebGL missing). The form still works.',
    'report.title': 'Report a problem', 'report.where': 'Where is it?', 'report.locate': 'Locate me',
    'report.locating': 'Finding your position…', 'report.located': 'Position found, accuracy {m} m. Drag the pin to correct it.',
    'report.inaccurate': 'Low accuracy (more than 50 m): move to open sky or drag the pin to the right place.',
    'report.nogps': 'Position unavailable: {why}. Tap the map or drag the pin to place the report.',
    'report.moved': 'Pin placed by hand.', 'report.what': 'What is the problem?', 'report.description': 'Description (optional)',
    'report.description.hint': 'What happened, how many people are affected, landmarks nearby.',
    'report.photo': 'Photo (optional)', 'report.photo.ready': 'Photo ready: {w}×{h} px, {kb} KB.', 'report.submit': 'Send report',
    'report.need.location': 'Locate yourself or place the pin on the map first.', 'report.need.category': 'Choose what the problem is.',
    'report.sent': 'Report #{id} received. Keep this reference number.', 'report.queued': 'No connection: the report is saved on this phone and will be sent automatically.',
    'report.rejected': 'The server refused the report: {why}', 'report.pending': 'Waiting to be sent', 'report.none': 'Nothing waiting.',
    'report.sentlist': 'Sent from this phone', 'report.photo.sent': 'photo sent', 'report.photo.failed': 'photo not sent',
    'report.pending.item': '{cat}, saved {time}', 'report.sent.item': '#{id} {cat}', 'report.retry': 'Send now',
    'draw.title': 'Map an informal settlement', 'draw.start': 'Draw a boundary', 'draw.help': 'Tap the map at each corner of the settlement, then press Close.',
    'draw.add': 'Add corner at map centre', 'draw.undo': 'Undo', 'draw.close': 'Close shape', 'draw.cancel': 'Cancel',
    'draw.area': 'Area: {area}', 'draw.name': 'Settlement name', 'draw.submit': 'Submit boundary', 'draw.points': '{n} corners',
    'draw.sent': 'Boundary saved (#{id}).', 'draw.failed': 'Boundary not saved: {why}', 'draw.need': 'A boundary needs at least 3 corners and a name.',
    'ops.title': 'Civil defence', 'ops.layers': 'Layers', 'ops.legend': 'Legend', 'ops.filters': 'Filters', 'ops.category': 'Category',
    'ops.status': 'Status', 'ops.from': 'From', 'ops.to': 'To', 'ops.area': 'Area', 'ops.any': 'Any', 'ops.apply': 'Apply',
    'ops.export': 'Export', 'ops.count': '{n} reports', 'ops.live': 'Live updates on', 'ops.polling': 'Live updates unavailable: refreshing every 30 s',
    'ops.details': 'Report details', 'ops.close': 'Close', 'ops.nearest': 'Nearest facility', 'ops.areas': 'Areas', 'ops.dups': 'Possible duplicates',
    'ops.none': 'none', 'ops.observed': 'Observed', 'ops.source': 'Location', 'ops.accuracy': 'accuracy {m} m',
    'ops.alert': 'Alert composer', 'ops.alert.message': 'Message (at most 459 characters)', 'ops.alert.area': 'Area to alert',
    'ops.alert.draw': 'Draw the area', 'ops.alert.count': 'Count recipients', 'ops.alert.send': 'Send alert',
    'ops.alert.reach': 'This alert reaches {n} subscribers.', 'ops.alert.sent': 'Alert #{id} queued for {n} subscribers.',
    'ops.drafts': 'SMS drafts', 'ops.drafts.login': 'Log in as a moderator to see SMS drafts.', 'ops.drafts.none': 'No open SMS drafts.',
    'ops.drafts.waiting.place': 'waiting for a place', 'ops.drafts.waiting.category': 'waiting for the category',
    'ops.drafts.waiting.confirm_place': 'asked to confirm {place}', 'ops.drafts.waiting.choose_place': 'asked to choose a place',
    'ops.drafts.pick': 'Place on the map', 'ops.drafts.picking': 'Click the map where it is.', 'ops.drafts.picked': 'Place: {lat}, {lon}',
    'ops.drafts.file': 'File as a report', 'ops.drafts.filed': 'Report #{id} filed.', 'ops.drafts.told': 'The resident was told by SMS.',
    'ops.drafts.nottold': 'The resident could not be told by SMS.', 'ops.drafts.failed': 'Not filed: {why}', 'ops.drafts.needplace': 'Place it on the map first.',
    'ops.alert.failed': 'Alert not sent: {why}', 'ops.alert.needarea': 'Pick an area or draw one.',
    'ops.moderation': 'Moderation: not available on this server yet.', 'ops.moderate': 'Moderate', 'ops.note': 'Internal note (optional)',
    'ops.moderated': 'Status now: {status}.', 'ops.moderation.failed': 'Not changed: {why}', 'ops.markdup': 'Duplicate of #{id}',
    'layer.reports': 'Reports', 'layer.risk': 'Risk grid', 'layer.informal-settlements': 'Informal settlements',
    'layer.facilities': 'Facilities', 'layer.areas': 'Areas', 'layer.waterways': 'Waterways',
    'legend.cluster': 'Group of reports (number inside)', 'legend.risk': 'Risk: low → high',
    'status.new': 'New', 'status.verified': 'Verified', 'status.rejected': 'Rejected', 'status.duplicate': 'Duplicate', 'status.in_progress': 'In progress', 'status.resolved': 'Resolved',
    'nav.campaign': 'Campaigns', 'campaign.mine': 'My square', 'campaign.report': 'Report in this square', 'campaign.mapped': 'Mark mapped',
    'campaign.unlock': 'Give the square back', 'campaign.list': 'Campaigns', 'campaign.login': 'Log in as a mapper to take a square.',
    'campaign.none': 'You hold no square: take one from a campaign below.', 'campaign.holding': 'Square {n} of {campaign}, yours until {until}.',
    'campaign.comment': 'Sent back by the validator: {comment}', 'campaign.done.lock': 'Square {n} is yours.',
    'campaign.done.mapped': 'Square {n} handed in: thank you!', 'campaign.done.unlock': 'Square {n} given back.',
    'campaign.done.validate': 'Square {n} validated.', 'campaign.done.invalidate': 'Square {n} sent back to be mapped again.',
    'campaign.offline': 'No connection: try again when online.', 'campaign.failed': 'Not done: {why}',
    'campaign.nofree': 'No free square left in this campaign.', 'campaign.comment.label': 'What should be fixed?', 'campaign.validate': 'Validate',
    'campaign.invalidate': 'Send back', 'campaign.square': 'Square {n}', 'campaign.novalidate': 'No square waiting for validation.',
    'campaign.share.mapped': 'Mapped: {pct}%', 'campaign.share.validated': 'Validated: {pct}%',
    'campaign.counts': '{tasks} squares: {ready} free, {locked} taken, {mapped} to validate, {validated} validated',
    'campaign.take': 'Take a square', 'campaign.tovalidate': 'Squares to validate', 'campaign.empty': 'No campaign yet.',
    'facility.title': 'OpenStreetMap does not have this yet', 'facility.hint': 'A few details let mappers add it to the map everyone uses.',
    'facility.name': 'Name (as people call it)', 'facility.kind': 'What is it?', 'facility.status': 'Does it work?',
    'facility.status.unknown': 'Not sure', 'facility.status.operational': 'Works', 'facility.status.needs_maintenance': 'Needs repair',
    'facility.status.broken': 'Broken', 'facility.save': 'Save details', 'facility.saved': 'Details saved.',
    'facility.failed': 'Details not saved: {why}', 'facility.kind.drinking_water': 'Drinking water',
    'facility.kind.water_point': 'Water point (kiosk)', 'facility.kind.water_well': 'Well', 'facility.kind.water_tap': 'Tap',
    'facility.kind.water_tower': 'Water tower', 'facility.kind.toilets': 'Toilets',
    'attribution': '© OpenStreetMap contributors, ODbL',
  },
  fr: {
    'account.login': 'Se connecter', 'account.logout': 'Se déconnecter', 'account.who': '{name} ({role})', 'account.title': 'Connexion à mtaa',
    'account.email': 'Courriel', 'account.password': 'Mot de passe', 'account.cancel': 'Annuler',
    'account.wrong': 'Courriel ou mot de passe incorrect. Après plusieurs mots de passe erronés, un compte refuse les connexions pendant 15 minutes.',
    'account.expired': 'Ce mot de passe à usage unique a plus d’un jour : demandez-en un nouveau à un administrateur.',
    'account.mustChange': 'Choisissez votre propre mot de passe', 'account.newPassword': 'Nouveau mot de passe (au moins 12 caractères)',
    'account.toomany': 'Trop de tentatives de connexion depuis cette connexion : attendez quelques minutes et réessayez.',
    'account.offline': 'Pas de connexion : se connecter nécessite le réseau.', 'account.failed': 'Échec de la connexion : {why}',
    'role.viewer': 'lecteur', 'role.mapper': 'cartographe', 'role.moderator': 'modérateur', 'role.admin': 'administrateur',
    'ops.login.hint': 'Connectez-vous comme modérateur pour envoyer des alertes.', 'ops.moderation.login': 'Connectez-vous comme modérateur pour modifier les signalements.',
    skip: 'Aller au contenu', lang: 'Langue', nav: 'Pages', 'nav.map': 'Carte', 'nav.report': 'Signaler', 'nav.ops': 'Protection civile',
    online: 'En ligne', offline: 'Hors ligne : les signalements sont gardés sur ce téléphone et envoyés plus tard',
    'map.label': 'Carte', 'map.nobasemap': 'Pas encore de tuiles de fond sur ce serveur : les signalements sont dessinés sur un fond vide.',
    'map.loading': 'Chargement de la carte…', 'map.failed': 'La carte ne peut pas s’afficher sur cet appareil (WebGL absent). Le formulaire fonctionne.',
    'report.title': 'Signaler un problème', 'report.where': 'Où est-ce ?', 'report.locate': 'Me localiser',
    'report.locating': 'Recherche de votre position…', 'report.located': 'Position trouvée, précision {m} m. Déplacez l’épingle pour la corriger.',
    'report.inaccurate': 'Précision faible (plus de 50 m) : allez à découvert ou déplacez l’épingle au bon endroit.',
    'report.nogps': 'Position indisponible : {why}. Touchez la carte ou déplacez l’épingle.',
    'report.moved': 'Épingle placée à la main.', 'report.what': 'Quel est le problème ?', 'report.description': 'Description (facultatif)',
    'report.description.hint': 'Ce qui s’est passé, combien de personnes sont touchées, repères proches.',
    'report.photo': 'Photo (facultatif)', 'report.photo.ready': 'Photo prête : {w}×{h} px, {kb} Ko.', 'report.submit': 'Envoyer',
    'report.need.location': 'Localisez-vous ou placez l’épingle sur la carte d’abord.', 'report.need.category': 'Choisissez le type de problème.',
    'report.sent': 'Signalement #{id} reçu. Gardez ce numéro de référence.', 'report.queued': 'Pas de connexion : le signalement est gardé sur ce téléphone et sera envoyé automatiquement.',
    'report.rejected': 'Le serveur a refusé le signalement : {why}', 'report.pending': 'En attente d’envoi', 'report.none': 'Rien en attente.',
    'report.sentlist': 'Envoyés depuis ce téléphone', 'report.photo.sent': 'photo envoyée', 'report.photo.failed': 'photo non envoyée',
    'report.pending.item': '{cat}, enregistré {time}', 'report.sent.item': '#{id} {cat}', 'report.retry': 'Envoyer maintenant',
    'draw.title': 'Cartographier un quartier informel', 'draw.start': 'Dessiner une limite', 'draw.help': 'Touchez la carte à chaque coin du quartier, puis Fermer.',
    'draw.add': 'Ajouter un coin au centre', 'draw.undo': 'Annuler', 'draw.close': 'Fermer la forme', 'draw.cancel': 'Abandonner',
    'draw.area': 'Surface : {area}', 'draw.name': 'Nom du quartier', 'draw.submit': 'Envoyer la limite', 'draw.points': '{n} coins',
    'draw.sent': 'Limite enregistrée (#{id}).', 'draw.failed': 'Limite non enregistrée : {why}', 'draw.need': 'Une limite demande au moins 3 coins et un nom.',
    'ops.title': 'Protection civile', 'ops.layers': 'Couches', 'ops.legend': 'Légende', 'ops.filters': 'Filtres', 'ops.category': 'Catégorie',
    'ops.status': 'Statut', 'ops.from': 'Du', 'ops.to': 'Au', 'ops.area': 'Zone', 'ops.any': 'Toutes', 'ops.apply': 'Appliquer',
    'ops.export': 'Exporter', 'ops.count': '{n} signalements', 'ops.live': 'Mises à jour en direct', 'ops.polling': 'Direct indisponible : actualisation toutes les 30 s',
    'ops.details': 'Détails du signalement', 'ops.close': 'Fermer', 'ops.nearest': 'Équipement le plus proche', 'ops.areas': 'Zones', 'ops.dups': 'Doublons possibles',
    'ops.none': 'aucun', 'ops.observed': 'Observé', 'ops.source': 'Position', 'ops.accuracy': 'précision {m} m',
    'ops.alert': 'Rédiger une alerte', 'ops.alert.message': 'Message (459 caractères au plus)', 'ops.alert.area': 'Zone à alerter',
    'ops.alert.draw': 'Dessiner la zone', 'ops.alert.count': 'Compter les destinataires', 'ops.alert.send': 'Envoyer l’alerte',
    'ops.alert.reach': 'Cette alerte atteint {n} abonnés.', 'ops.alert.sent': 'Alerte #{id} en file pour {n} abonnés.',
    'ops.drafts': 'Brouillons SMS', 'ops.drafts.login': 'Connectez-vous comme modérateur pour voir les brouillons SMS.', 'ops.drafts.none': 'Aucun brouillon SMS ouvert.',
    'ops.drafts.waiting.place': 'attend un lieu', 'ops.drafts.waiting.category': 'attend la catégorie',
    'ops.drafts.waiting.confirm_place': 'doit confirmer {place}', 'ops.drafts.waiting.choose_place': 'doit choisir un lieu',
    'ops.drafts.pick': 'Placer sur la carte', 'ops.drafts.picking': 'Cliquez sur la carte à l’endroit voulu.', 'ops.drafts.picked': 'Lieu : {lat}, {lon}',
    'ops.drafts.file': 'Enregistrer le signalement', 'ops.drafts.filed': 'Signalement #{id} enregistré.', 'ops.drafts.told': 'L’habitant a été prévenu par SMS.',
    'ops.drafts.nottold': 'L’habitant n’a pas pu être prévenu par SMS.', 'ops.drafts.failed': 'Non enregistré : {why}', 'ops.drafts.needplace': 'Placez-le d’abord sur la carte.',
    'ops.alert.failed': 'Alerte non envoyée : {why}', 'ops.alert.needarea': 'Choisissez ou dessinez une zone.',
    'ops.moderation': 'Modération : pas encore disponible sur ce serveur.', 'ops.moderate': 'Modérer', 'ops.note': 'Note interne (facultatif)',
    'ops.moderated': 'Statut : {status}.', 'ops.moderation.failed': 'Pas de changement : {why}', 'ops.markdup': 'Doublon de #{id}',
    'layer.reports': 'Signalements', 'layer.risk': 'Grille de risque', 'layer.informal-settlements': 'Quartiers informels',
    'layer.facilities': 'Équipements', 'layer.areas': 'Zones', 'layer.waterways': 'Cours d’eau',
    'legend.cluster': 'Groupe de signalements (nombre au centre)', 'legend.risk': 'Risque : faible → élevé',
    'status.new': 'Nouveau', 'status.verified': 'Vérifié', 'status.rejected': 'Rejeté', 'status.duplicate': 'Doublon', 'status.in_progress': 'En cours', 'status.resolved': 'Résolu',
    'nav.campaign': 'Campagnes', 'campaign.mine': 'Mon carré', 'campaign.report': 'Signaler dans ce carré',
    'campaign.mapped': 'Marquer cartographié', 'campaign.unlock': 'Rendre le carré', 'campaign.list': 'Campagnes',
    'campaign.login': 'Connectez-vous comme cartographe pour prendre un carré.',
    'campaign.none': 'Vous n’avez aucun carré : prenez-en un dans une campagne ci-dessous.',
    'campaign.holding': 'Carré {n} de {campaign}, à vous jusqu’à {until}.', 'campaign.comment': 'Renvoyé par le validateur : {comment}',
    'campaign.done.lock': 'Le carré {n} est à vous.', 'campaign.done.mapped': 'Carré {n} rendu : merci !',
    'campaign.done.unlock': 'Carré {n} rendu libre.', 'campaign.done.validate': 'Carré {n} validé.',
    'campaign.done.invalidate': 'Carré {n} renvoyé pour être cartographié à nouveau.',
    'campaign.offline': 'Pas de connexion : réessayez une fois en ligne.', 'campaign.failed': 'Pas fait : {why}',
    'campaign.nofree': 'Plus de carré libre dans cette campagne.', 'campaign.comment.label': 'Que faut-il corriger ?',
    'campaign.validate': 'Valider', 'campaign.invalidate': 'Renvoyer', 'campaign.square': 'Carré {n}',
    'campaign.novalidate': 'Aucun carré à valider.', 'campaign.share.mapped': 'Cartographié : {pct} %',
    'campaign.share.validated': 'Validé : {pct} %',
    'campaign.counts': '{tasks} carrés : {ready} libres, {locked} pris, {mapped} à valider, {validated} validés',
    'campaign.take': 'Prendre un carré', 'campaign.tovalidate': 'Carrés à valider', 'campaign.empty': 'Aucune campagne pour l’instant.',
    'facility.title': 'OpenStreetMap ne l’a pas encore', 'facility.hint': 'Quelques détails permettent de l’ajouter à la carte de tous.',
    'facility.name': 'Nom (comme on l’appelle)', 'facility.kind': 'Qu’est-ce que c’est ?', 'facility.status': 'Fonctionne-t-il ?',
    'facility.status.unknown': 'Je ne sais pas', 'facility.status.operational': 'Fonctionne', 'facility.status.needs_maintenance': 'À réparer',
    'facility.status.broken': 'En panne', 'facility.save': 'Enregistrer', 'facility.saved': 'Détails enregistrés.',
    'facility.failed': 'Détails non enregistrés : {why}', 'facility.kind.drinking_water': 'Eau potable',
    'facility.kind.water_point': 'Point d’eau (kiosque)', 'facility.kind.water_well': 'Puits', 'facility.kind.water_tap': 'Robinet',
    'facility.kind.water_tower': 'Château d’eau', 'facility.kind.toilets': 'Toilettes',
    'attribution': '© les contributeurs d’OpenStreetMap, ODbL',
  },
  sw: {
    'account.login': 'Ingia', 'account.logout': 'Toka', 'account.who': '{name} ({role})', 'account.title': 'Ingia kwenye mtaa',
    'account.email': 'Barua pepe', 'account.password': 'Nenosiri', 'account.cancel': 'Ghairi',
    'account.wrong': 'Barua pepe au nenosiri si sahihi. Baada ya manenosiri mengi yasiyo sahihi, akaunti inakataa kuingia kwa dakika 15.',
    'account.expired': 'Nenosiri hili la mara moja lina zaidi ya siku moja: omba jipya kwa msimamizi.',
    'account.mustChange': 'Chagua nenosiri lako mwenyewe', 'account.newPassword': 'Nenosiri jipya (angalau herufi 12)',
    'account.toomany': 'Majaribio mengi ya kuingia kutoka muunganisho huu: subiri dakika chache ujaribu tena.',
    'account.offline': 'Hakuna muunganisho: kuingia kunahitaji mtandao.', 'account.failed': 'Kuingia kumeshindikana: {why}',
    'role.viewer': 'mtazamaji', 'role.mapper': 'mchora ramani', 'role.moderator': 'msimamizi', 'role.admin': 'msimamizi mkuu',
    'ops.login.hint': 'Ingia kama msimamizi kutuma tahadhari.', 'ops.moderation.login': 'Ingia kama msimamizi kubadilisha ripoti.',
    skip: 'Ruka hadi maudhui', lang: 'Lugha', nav: 'Kurasa', 'nav.map': 'Ramani', 'nav.report': 'Ripoti', 'nav.ops': 'Ulinzi wa raia',
    online: 'Mtandaoni', offline: 'Nje ya mtandao: ripoti zinahifadhiwa kwenye simu hii na kutumwa baadaye',
    'map.label': 'Ramani', 'map.nobasemap': 'Seva hii bado haina vigae vya ramani: ripoti zinaonyeshwa kwenye mandharinyuma tupu.',
    'map.loading': 'Ramani inapakia…', 'map.failed': 'Ramani haiwezi kuonyeshwa kwenye kifaa hiki (hakuna WebGL). Fomu bado inafanya kazi.',
    'report.title': 'Ripoti tatizo', 'report.where': 'Liko wapi?', 'report.locate': 'Nitafute',
    'report.locating': 'Inatafuta mahali ulipo…', 'report.located': 'Mahali pamepatikana, usahihi mita {m}. Buruta pini kusahihisha.',
    'report.inaccurate': 'Usahihi mdogo (zaidi ya mita 50): nenda mahali wazi au buruta pini mahali sahihi.',
    'report.nogps': 'Mahali hapapatikani: {why}. Gusa ramani au buruta pini.',
    'report.moved': 'Pini imewekwa kwa mkono.', 'report.what': 'Tatizo ni nini?', 'report.description': 'Maelezo (si lazima)',
    'report.description.hint': 'Kilichotokea, watu wangapi wameathirika, alama za karibu.',
    'report.photo': 'Picha (si lazima)', 'report.photo.ready': 'Picha iko tayari: {w}×{h} px, KB {kb}.', 'report.submit': 'Tuma ripoti',
    'report.need.location': 'Jitafute au weka pini kwenye ramani kwanza.', 'report.need.category': 'Chagua aina ya tatizo.',
    'report.sent': 'Ripoti #{id} imepokelewa. Hifadhi namba hii ya kumbukumbu.', 'report.queued': 'Hakuna mtandao: ripoti imehifadhiwa kwenye simu hii na itatumwa yenyewe.',
    'report.rejected': 'Seva imekataa ripoti: {why}', 'report.pending': 'Zinasubiri kutumwa', 'report.none': 'Hakuna inayosubiri.',
    'report.sentlist': 'Zilizotumwa kutoka simu hii', 'report.photo.sent': 'picha imetumwa', 'report.photo.failed': 'picha haikutumwa',
    'report.pending.item': '{cat}, imehifadhiwa {time}', 'report.sent.item': '#{id} {cat}', 'report.retry': 'Tuma sasa',
    'draw.title': 'Chora makazi yasiyo rasmi', 'draw.start': 'Chora mpaka', 'draw.help': 'Gusa ramani kwenye kila kona ya makazi, kisha bonyeza Funga.',
    'draw.add': 'Ongeza kona katikati ya ramani', 'draw.undo': 'Tendua', 'draw.close': 'Funga umbo', 'draw.cancel': 'Ghairi',
    'draw.area': 'Eneo: {area}', 'draw.name': 'Jina la makazi', 'draw.submit': 'Tuma mpaka', 'draw.points': 'kona {n}',
    'draw.sent': 'Mpaka umehifadhiwa (#{id}).', 'draw.failed': 'Mpaka haukuhifadhiwa: {why}', 'draw.need': 'Mpaka unahitaji kona 3 au zaidi na jina.',
    'ops.title': 'Ulinzi wa raia', 'ops.layers': 'Tabaka', 'ops.legend': 'Ufunguo', 'ops.filters': 'Vichujio', 'ops.category': 'Aina',
    'ops.status': 'Hali', 'ops.from': 'Kuanzia', 'ops.to': 'Hadi', 'ops.area': 'Eneo', 'ops.any': 'Yoyote', 'ops.apply': 'Tumia',
    'ops.export': 'Pakua', 'ops.count': 'ripoti {n}', 'ops.live': 'Taarifa za moja kwa moja zinaendelea', 'ops.polling': 'Moja kwa moja haipatikani: inasasisha kila sekunde 30',
    'ops.details': 'Maelezo ya ripoti', 'ops.close': 'Funga', 'ops.nearest': 'Huduma iliyo karibu', 'ops.areas': 'Maeneo', 'ops.dups': 'Huenda ni nakala',
    'ops.none': 'hakuna', 'ops.observed': 'Ilionekana', 'ops.source': 'Mahali', 'ops.accuracy': 'usahihi mita {m}',
    'ops.alert': 'Andika tahadhari', 'ops.alert.message': 'Ujumbe (herufi 459 au chache)', 'ops.alert.area': 'Eneo la kutahadharisha',
    'ops.alert.draw': 'Chora eneo', 'ops.alert.count': 'Hesabu wapokeaji', 'ops.alert.send': 'Tuma tahadhari',
    'ops.alert.reach': 'Tahadhari hii inawafikia wanachama {n}.', 'ops.alert.sent': 'Tahadhari #{id} imepangwa kwa wanachama {n}.',
    'ops.drafts': 'Rasimu za SMS', 'ops.drafts.login': 'Ingia kama msimamizi kuona rasimu za SMS.', 'ops.drafts.none': 'Hakuna rasimu za SMS zilizo wazi.',
    'ops.drafts.waiting.place': 'inasubiri mahali', 'ops.drafts.waiting.category': 'inasubiri aina ya tatizo',
    'ops.drafts.waiting.confirm_place': 'ameulizwa kuthibitisha {place}', 'ops.drafts.waiting.choose_place': 'ameulizwa kuchagua mahali',
    'ops.drafts.pick': 'Weka kwenye ramani', 'ops.drafts.picking': 'Bofya kwenye ramani mahali lilipo.', 'ops.drafts.picked': 'Mahali: {lat}, {lon}',
    'ops.drafts.file': 'Hifadhi kama ripoti', 'ops.drafts.filed': 'Ripoti #{id} imehifadhiwa.', 'ops.drafts.told': 'Mkazi amejulishwa kwa SMS.',
    'ops.drafts.nottold': 'Mkazi hakuweza kujulishwa kwa SMS.', 'ops.drafts.failed': 'Haijahifadhiwa: {why}', 'ops.drafts.needplace': 'Iweke kwenye ramani kwanza.',
    'ops.alert.failed': 'Tahadhari haikutumwa: {why}', 'ops.alert.needarea': 'Chagua au chora eneo.',
    'ops.moderation': 'Usimamizi: bado haupatikani kwenye seva hii.', 'ops.moderate': 'Simamia', 'ops.note': 'Dokezo la ndani (si lazima)',
    'ops.moderated': 'Hali sasa: {status}.', 'ops.moderation.failed': 'Haikubadilishwa: {why}', 'ops.markdup': 'Nakala ya #{id}',
    'layer.reports': 'Ripoti', 'layer.risk': 'Gridi ya hatari', 'layer.informal-settlements': 'Makazi yasiyo rasmi',
    'layer.facilities': 'Huduma', 'layer.areas': 'Maeneo', 'layer.waterways': 'Mito na maji',
    'legend.cluster': 'Kundi la ripoti (idadi katikati)', 'legend.risk': 'Hatari: ndogo → kubwa',
    'status.new': 'Mpya', 'status.verified': 'Imethibitishwa', 'status.rejected': 'Imekataliwa', 'status.duplicate': 'Nakala', 'status.in_progress': 'Inashughulikiwa', 'status.resolved': 'Imetatuliwa',
    'nav.campaign': 'Kampeni', 'campaign.mine': 'Mraba wangu', 'campaign.report': 'Ripoti ndani ya mraba huu',
    'campaign.mapped': 'Weka alama: umechorwa', 'campaign.unlock': 'Rudisha mraba', 'campaign.list': 'Kampeni',
    'campaign.login': 'Ingia kama mchora ramani kuchukua mraba.', 'campaign.none': 'Huna mraba: chukua mmoja kutoka kampeni hapa chini.',
    'campaign.holding': 'Mraba {n} wa {campaign}, ni wako hadi {until}.', 'campaign.comment': 'Umerudishwa na mthibitishaji: {comment}',
    'campaign.done.lock': 'Mraba {n} ni wako.', 'campaign.done.mapped': 'Mraba {n} umekabidhiwa: asante!',
    'campaign.done.unlock': 'Mraba {n} umerudishwa.', 'campaign.done.validate': 'Mraba {n} umethibitishwa.',
    'campaign.done.invalidate': 'Mraba {n} umerudishwa uchorwe tena.', 'campaign.offline': 'Hakuna mtandao: jaribu tena ukiwa mtandaoni.',
    'campaign.failed': 'Haikufanyika: {why}', 'campaign.nofree': 'Hakuna mraba wazi uliobaki kwenye kampeni hii.',
    'campaign.comment.label': 'Nini kirekebishwe?', 'campaign.validate': 'Thibitisha', 'campaign.invalidate': 'Rudisha',
    'campaign.square': 'Mraba {n}', 'campaign.novalidate': 'Hakuna mraba unaosubiri kuthibitishwa.', 'campaign.share.mapped': 'Umechorwa: {pct}%',
    'campaign.share.validated': 'Umethibitishwa: {pct}%',
    'campaign.counts': 'Miraba {tasks}: {ready} wazi, {locked} imechukuliwa, {mapped} inasubiri uthibitisho, {validated} imethibitishwa',
    'campaign.take': 'Chukua mraba', 'campaign.tovalidate': 'Miraba ya kuthibitisha', 'campaign.empty': 'Bado hakuna kampeni.',
    'facility.title': 'OpenStreetMap bado haina hiki', 'facility.hint': 'Maelezo machache yanasaidia kukiongeza kwenye ramani ya wote.',
    'facility.name': 'Jina (kama watu wanavyokiita)', 'facility.kind': 'Ni nini?', 'facility.status': 'Kinafanya kazi?',
    'facility.status.unknown': 'Sina uhakika', 'facility.status.operational': 'Kinafanya kazi',
    'facility.status.needs_maintenance': 'Kinahitaji matengenezo', 'facility.status.broken': 'Kimeharibika', 'facility.save': 'Hifadhi maelezo',
    'facility.saved': 'Maelezo yamehifadhiwa.', 'facility.failed': 'Maelezo hayakuhifadhiwa: {why}',
    'facility.kind.drinking_water': 'Maji ya kunywa', 'facility.kind.water_point': 'Kituo cha maji (kioski)', 'facility.kind.water_well': 'Kisima',
    'facility.kind.water_tap': 'Bomba', 'facility.kind.water_tower': 'Mnara wa maji', 'facility.kind.toilets': 'Vyoo',
    'attribution': '© wachangiaji wa OpenStreetMap, ODbL',
  },
};

/** lang returns the current language: the stored choice, else the browser's, else English. */
export function lang() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && WORDS[stored]) return stored;
  for (const l of navigator.languages || [navigator.language || 'en']) {
    const base = String(l).slice(0, 2).toLowerCase();
    if (WORDS[base]) return base;
  }
  return 'en';
}

/** t translates key into the current language, filling {name} from vars. */
export function t(key, vars = {}) {
  const s = WORDS[lang()][key] ?? WORDS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/** applyI18n translates every element of root marked with data-i18n, data-i18n-placeholder or data-i18n-aria. */
export function applyI18n(root = document) {
  document.documentElement.lang = lang();
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
}

/** setLang remembers the user's choice and re-translates the page; listeners of 'mtaa:lang' redraw the rest. */
export function setLang(l) {
  if (!WORDS[l]) return;
  localStorage.setItem(STORAGE_KEY, l);
  applyI18n();
  window.dispatchEvent(new CustomEvent('mtaa:lang', { detail: l }));
}

/** categoryLabel picks a category's label in the current language. */
export function categoryLabel(cat) {
  return (cat && cat.labels && (cat.labels[lang()] || cat.labels.en)) || (cat && cat.id) || '';
}

// KIND_WORDS name the extract's feature kinds (data.FeatureKinds: health,
// water_area, …) as people say them, for every page that shows one (the
// nearest facility on /ops, place search results on /report): one table,
// read through kindLabel.
const KIND_WORDS = {
  en: {
    place: 'Town or place', admin: 'Administrative area', neighbourhood: 'Neighbourhood', informal: 'Informal settlement',
    health: 'Health facility', education: 'School', water: 'Water point or toilet', safety: 'Police, fire or shelter',
    community: 'Community place', waterway: 'River or stream', water_area: 'Lake, pond or wetland', hazard: 'Hazard zone',
    road: 'Road', building: 'Building', landuse: 'Land use', landmark: 'Landmark',
  },
  fr: {
    place: 'Ville ou lieu-dit', admin: 'Circonscription administrative', neighbourhood: 'Quartier', informal: 'Quartier informel',
    health: 'Centre de santé', education: 'École', water: 'Point d’eau ou toilettes', safety: 'Police, pompiers ou abri',
    community: 'Lieu communautaire', waterway: 'Rivière ou ruisseau', water_area: 'Lac, étang ou zone humide', hazard: 'Zone à risque',
    road: 'Route', building: 'Bâtiment', landuse: 'Occupation du sol', landmark: 'Point de repère',
  },
  sw: {
    place: 'Mji au mahali', admin: 'Eneo la kiutawala', neighbourhood: 'Mtaa', informal: 'Makazi yasiyo rasmi',
    health: 'Kituo cha afya', education: 'Shule', water: 'Kituo cha maji au choo', safety: 'Polisi, zimamoto au hifadhi',
    community: 'Mahali pa jamii', waterway: 'Mto au kijito', water_area: 'Ziwa, bwawa au ardhioevu', hazard: 'Eneo la hatari',
    road: 'Barabara', building: 'Jengo', landuse: 'Matumizi ya ardhi', landmark: 'Alama ya mahali',
  },
};

/** kindLabel names a feature kind of the extract (water_area, health, …) for people, in the current language; an unknown kind is shown as it is. */
export function kindLabel(kind) {
  return KIND_WORDS[lang()][kind] || KIND_WORDS.en[kind] || String(kind || '');
}
