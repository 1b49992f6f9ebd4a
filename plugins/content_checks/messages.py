"""Every message the content checks show, per language of the messages (the setting
CONTENT_CHECKS_LANGUAGE, Italian by default): what is wrong, how to fix it, a correct example.

Placeholders are `$name` (string.Template), because messages often quote Pelican's own
`{filename}` and `{static}` link markers literally.
"""

from __future__ import annotations

from string import Template
from typing import NamedTuple


class Message(NamedTuple):
    what: str
    fix: str
    example: str = ""


M = Message

IT: dict[str, Message] = {
    # --- where the file is and what it is ------------------------------------------------
    "outside-folders": M(
        "il file è fuori dalle cartelle dei contenuti: il sito non lo legge",
        "spostalo in una di queste cartelle: $folders (le immagini vanno in content/immagini/, "
        "i documenti da scaricare in content/materiali/)",
        "content/notizie/una-notizia.md",
    ),
    "subfolder": M(
        "il sito non legge le sottocartelle di content/$folder/",
        "sposta il file direttamente in content/$folder/",
        "content/$folder/$name",
    ),
    "not-markdown": M(
        "in content/$folder/ il sito legge solo testi Markdown (.md): questo file non verrebbe pubblicato",
        "le immagini vanno in content/immagini/, i documenti da scaricare in content/materiali/; "
        "un testo va salvato con estensione .md",
        "content/immagini/$name",
    ),
    "other-markup": M(
        "il file è in formato .$ext: il sito pubblica solo testi Markdown (.md)",
        "riscrivi il testo in un file .md; puoi crearlo con make new",
        "content/$folder/$stem.md",
    ),
    "bad-file-name": M(
        "il nome del file «$name» non va bene: il nome diventa l'indirizzo della pagina",
        "usa solo lettere minuscole senza accenti, numeri e trattini; per una traduzione, il codice "
        "della lingua prima di .md",
        "$suggestion",
    ),
    "unknown-language": M(
        "«$lang» nel nome del file non è una lingua del sito ($languages)",
        "il codice della lingua va tra il nome e .md; i file in $default_name non hanno codice",
        "$suggestion",
    ),
    "default-language-suffix": M(
        "i file in $default_name non hanno il codice della lingua nel nome",
        "togli «.$lang» dal nome del file",
        "$suggestion",
    ),
    "too-large": M(
        "il file è troppo grande ($size; il limite è $limit)",
        "un testo del sito pesa al massimo qualche decina di kB: forse è stato incollato un documento "
        "intero o un'immagine; dividi il testo e metti i documenti da scaricare in content/materiali/",
    ),
    "binary": M(
        "il file non contiene testo: forse è un'immagine o un documento Word salvato con estensione .md",
        "aprilo con un editor di testo (per esempio VS Code); se non si legge, cancellalo e ricrealo "
        "con make new",
        'make new TYPE=news TITLE="Titolo della notizia"',
    ),
    "unreadable": M(
        "il file non si può leggere ($detail)",
        "controlla che il file esista e che tu abbia il permesso di leggerlo",
    ),
    "utf16": M(
        "il file è salvato con codifica UTF-16, ma il sito legge solo UTF-8",
        "salvalo con codifica UTF-8 (Blocco note: Salva con nome → Codifica: UTF-8; VS Code: clic su "
        "«UTF-16» in basso a destra → Salva con codifica → UTF-8)",
    ),
    "not-utf8": M(
        "il file non è in UTF-8: il carattere alla colonna $column non si legge (byte $byte); succede "
        "quando un vecchio programma salva le lettere accentate in Latin-1 o Windows-1252",
        "salva il file con codifica UTF-8 (VS Code: clic sulla codifica in basso a destra → Riapri "
        "con codifica → Western (Windows 1252), poi di nuovo clic → Salva con codifica → UTF-8) e "
        "controlla le lettere accentate",
    ),
    "control-char": M(
        "c'è un carattere invisibile di controllo ($char) alla colonna $column: di solito arriva "
        "copiando da Word o da un PDF",
        "cancella il punto indicato e riscrivi a mano le parole intorno",
    ),
    "empty-file": M(
        "il file è vuoto",
        "scrivi l'intestazione (un campo per riga), una riga vuota e il testo; oppure crea il file "
        "con make new",
        "$example",
    ),
    # --- the header ----------------------------------------------------------------------
    "no-front-matter": M(
        "il file non comincia con l'intestazione (le righe «Campo: valore»)",
        "metti in cima al file i campi, uno per riga, poi una riga vuota, poi il testo",
        "$example",
    ),
    "blank-first-line": M(
        "il file comincia con una riga vuota: così il sito non vede l'intestazione",
        "cancella le righe vuote in cima al file: la riga 1 deve essere il primo campo",
        "$example",
    ),
    "fence": M(
        "le righe «---» non servono: l'intestazione di questo sito non usa il formato YAML",
        "cancella la riga «---»: l'intestazione finisce con la prima riga vuota",
        "Title: Chi siamo\nSummary: Una frase che riassume la pagina.\n\nIl testo.",
    ),
    "bad-field-line": M(
        "questa riga è nell'intestazione ma non è un campo «Nome: valore»: da qui in poi il sito "
        "la tratterebbe come testo e perderebbe i campi che seguono",
        "se è un campo, scrivi il nome, i due punti e il valore; se è l'inizio del testo, lascia "
        "prima una riga vuota",
        "$example",
    ),
    "missing-colon": M(
        "mancano i due punti dopo «$name»",
        "scrivi il nome del campo, i due punti, uno spazio e il valore",
        "$example",
    ),
    "space-before-colon": M(
        "c'è uno spazio prima dei due punti in «$text»",
        "scrivi il nome del campo attaccato ai due punti",
        "$example",
    ),
    "bad-field-name": M(
        "il nome di campo «$name» contiene spazi, lettere accentate o simboli",
        "i nomi dei campi sono in inglese, senza spazi né accenti$hint",
        "$example",
    ),
    "empty-body": M(
        "manca il testo: il file ha solo l'intestazione",
        "dopo l'intestazione lascia una riga vuota e scrivi il testo",
        "Summary: Una frase che riassume la pagina.\n\nIl testo della pagina.",
    ),
    "unknown-field": M(
        "il campo «$name» non esiste",
        "$hint; se non serve, cancella la riga. I campi delle $type sono: $names",
        "$example",
    ),
    "field-not-for-type": M(
        "il campo «$name» non si usa nelle $type",
        "cancella la riga. I campi delle $type sono: $names",
    ),
    "reserved-lang": M(
        "il campo $name non serve: la lingua si indica nel nome del file",
        "cancella la riga; una traduzione in inglese, per esempio, si chiama $stem.en.md",
    ),
    "reserved-template": M(
        "il campo $name non si scrive nei contenuti: l'aspetto della pagina dipende dalla cartella",
        "cancella la riga",
    ),
    "reserved-address": M(
        "il campo $name non si scrive nei contenuti: l'indirizzo viene dal nome del file",
        "cancella la riga; per un indirizzo diverso rinomina il file, o (in una traduzione) usa Slug",
        "Slug: nuovo-indirizzo",
    ),
    "reserved-author": M(
        "il campo $name non si usa: i contenuti sono pubblicati a nome della rete",
        "cancella la riga; se serve, nomina l'autore nel testo",
    ),
    "reserved-key": M(
        "il campo $name non si scrive: la chiave che collega le traduzioni è il nome del file",
        "cancella la riga",
    ),
    "duplicate-field": M(
        "il campo $name è scritto due volte (la prima alla riga $other)",
        "tieni una sola riga $name e cancella l'altra",
    ),
    "multiline-field": M(
        "il campo $name continua su questa riga, ma deve stare su una riga sola",
        "unisci le due righe; se questa è l'inizio del testo, lascia prima una riga vuota",
        "$example",
    ),
    "missing-field": M(
        "manca il campo obbligatorio $name ($label)",
        "aggiungilo nell'intestazione, prima della riga vuota che la chiude",
        "$example",
    ),
    "empty-required": M(
        "il campo obbligatorio $name ($label) è vuoto",
        "scrivi il valore dopo i due punti",
        "$example",
    ),
    "empty-date": M(
        "il campo $name è vuoto",
        "scrivi la data, oppure cancella la riga",
        "$example",
    ),
    "needs-image_alt": M(
        "c'è un'immagine ($field alla riga $line_of_field) ma manca il testo alternativo Image_alt",
        "descrivi in una frase cosa mostra l'immagine, per chi non la vede (chi, cosa, dove)",
        "$example",
    ),
    "needs-image_consent": M(
        "la foto mostra persone riconoscibili ($field: $value) ma manca Image_consent, il "
        "riferimento alla liberatoria firmata",
        "scrivi il numero della liberatoria; senza consenso delle persone la foto non si pubblica: "
        "usa un'altra foto, o una in cui non si riconosce nessuno",
        "$example",
    ),
    "needs": M(
        "c'è $field ma manca $needs",
        "aggiungi anche $needs",
        "$example",
    ),
    # --- values --------------------------------------------------------------------------
    "bad-date": M(
        "«$value» non è una data nella forma giusta",
        "scrivi la data come AAAA-MM-GG: anno, mese e giorno separati da trattini$hint",
        "$example",
    ),
    "bad-date-calendar": M(
        "il giorno «$value» non esiste",
        "controlla il mese (01–12) e il giorno",
        "$example",
    ),
    "future-date": M(
        "la data $value è nel futuro",
        "$name è il giorno della pubblicazione: se è un errore di battitura correggilo (il sito "
        "non programma le pubblicazioni)",
        "$name: $today",
    ),
    "date-order": M(
        "$later ($later_value) viene prima di $earlier ($earlier_value, riga $earlier_line)",
        "controlla le due date: $later non può venire prima di $earlier",
    ),
    "bad-choice": M(
        "«$value» non è un valore ammesso per $name",
        "usa uno di questi valori: $choices",
        "$example",
    ),
    "bad-integer": M(
        "$name vale «$value», ma deve essere un numero intero (1, 2, 3…)",
        "scrivi solo il numero, con le cifre 0–9",
        "$example",
    ),
    "bad-slug": M(
        "«$value» non va bene come Slug: diventa l'indirizzo della pagina",
        "usa solo lettere minuscole senza accenti, numeri e trattini",
        "Slug: $suggestion",
    ),
    "bad-url": M(
        "«$value» non è un indirizzo web completo",
        "scrivi l'indirizzo intero, con https:// davanti",
        "$example",
    ),
    "html-in-text": M(
        "$name contiene codice HTML («$tag»)",
        "scrivi solo testo: l'aspetto lo decide il sito",
        "$example",
    ),
    "unsafe-html": M(
        "il testo contiene codice non ammesso («$tag»)",
        "per la sicurezza di chi visita il sito non si pubblicano script, iframe, moduli né "
        "attributi on…: per un video o un modulo metti un collegamento",
        "[Guarda il video](https://www.esempio.org/video)",
    ),
    "placeholder": M(
        "questa riga è ancora segnata con ✎ (da scrivere o da tradurre)",
        "scrivi il testo definitivo al posto della riga e togli il segno ✎",
    ),
    "bad-material": M(
        "il materiale «$value» va scritto come «Titolo | collegamento»",
        "separa il titolo dal collegamento con una barra verticale |; un materiale per riga, le righe "
        "dopo la prima rientrate di 4 spazi",
        "Materials: Volantino (PDF) | {static}/materiali/volantino.pdf\n"
        "    Manifesto (PDF) | {static}/materiali/manifesto.pdf",
    ),
    "empty-list-item": M(
        "c'è un elemento vuoto nell'elenco «$value»",
        "separa le parole con una virgola sola",
        "$example",
    ),
    "no-letters": M(
        "«$value» non contiene né lettere né numeri: non può diventare un indirizzo",
        "scrivi una parola",
        "$example",
    ),
    "unknown-member": M(
        "l'ente «$value» non c'è in content/membri/",
        "scrivi il nome del file dell'ente, senza .md$hint",
        "Members: babel, cisv",
    ),
    # --- links and images ----------------------------------------------------------------
    "broken-filename": M(
        "il collegamento «$target» punta a un file che non esiste",
        "controlla il percorso, che parte dalla cartella content/$hint",
        "[Contatti]({filename}/pagine/contatti.md)",
    ),
    "broken-static": M(
        "il file «$target» non esiste",
        "metti il file in content/$where o correggi il nome (maiuscole e minuscole contano)$hint",
        "[Volantino (PDF)]({static}/materiali/volantino.pdf)",
    ),
    "filename-static": M(
        "«$target» collega un file da scaricare con {filename}",
        "per i file (PDF, immagini) si usa {static}; {filename} è per le pagine del sito",
        "[Volantino (PDF)]({static}/$path)",
    ),
    "field-link": M(
        "in questo campo il collegamento «$target» non si può usare così",
        "scrivi {filename}/ e il percorso della pagina a partire da content/ (senza # né ?), "
        "{static}/ e il percorso di un file, oppure un indirizzo completo https://",
        "Cta_url: {filename}/pagine/contatti.md",
    ),
    "static-outside": M(
        "«$target» non è in una cartella di file pubblicati ($folders)",
        "metti le immagini in content/immagini/ e i documenti in content/materiali/",
        "[Volantino (PDF)]({static}/materiali/volantino.pdf)",
    ),
    "bad-marker": M(
        "«$marker» non è un segnaposto valido per i collegamenti",
        "usa {filename} per collegare una pagina del sito e {static} per un file da scaricare",
        "[Contatti]({filename}/pagine/contatti.md)",
    ),
    "relative-link": M(
        "il collegamento «$target» è incompleto e non funzionerebbe sul sito",
        "per una pagina del sito scrivi {filename} e il percorso del file a partire da content/; per "
        "un'immagine o un file da scaricare {static} e il percorso; per un altro sito l'indirizzo "
        "intero con https://",
        "$example",
    ),
    "unknown-url": M(
        "l'indirizzo «$target» non corrisponde a nessuna pagina del sito",
        "collega il file invece dell'indirizzo: {filename} e il percorso a partire da content/; "
        "così il collegamento resta giusto anche se l'indirizzo cambia",
        "[Chi siamo]({filename}/pagine/chi-siamo.md)",
    ),
    "unsafe-link": M(
        "il collegamento «$target» non è ammesso",
        "collega solo pagine del sito, indirizzi https:// o email (mailto:)",
        "[Scrivici](mailto:info@esempio.org)",
    ),
    "empty-link": M(
        "il collegamento «$text» non porta da nessuna parte (le parentesi tonde sono vuote)",
        "scrivi tra le parentesi tonde dove porta il collegamento",
        "[Contatti]({filename}/pagine/contatti.md)",
    ),
    "missing-alt": M(
        "l'immagine «$target» non ha il testo alternativo",
        "tra le parentesi quadre descrivi cosa mostra l'immagine, per chi non la vede",
        "![Le operatrici degli enti in assemblea, sedute in cerchio]($target)",
    ),
    "bad-alt": M(
        "il testo alternativo «$value» non descrive l'immagine",
        "scrivi cosa mostra l'immagine (chi, cosa, dove), non il nome del file",
        "$example",
    ),
    "missing-file": M(
        "il file «$value» indicato in $name non esiste",
        "mettilo in content/$where o correggi il nome (maiuscole e minuscole contano)$hint",
        "$example",
    ),
    "not-an-image": M(
        "«$value» non è un'immagine (JPEG, PNG, WebP, AVIF, GIF)",
        "indica un file d'immagine in content/immagini/; per un documento da scaricare usa un "
        "collegamento, senza il punto esclamativo: [Volantino (PDF)]({static}/materiali/volantino.pdf)",
        "$example",
    ),
    "image-format": M(
        "«$value» è in un formato che il sito non pubblica (SVG, o HEIC delle foto degli iPhone)",
        "esporta l'immagine in JPEG (foto) o PNG (loghi e grafiche) e cambia il nome qui",
        "$example",
    ),
    "image-external": M(
        "l'immagine «$target» è su un altro sito",
        "scarica il file (se hai il diritto di usarlo), mettilo in content/immagini/ e collegalo "
        "da lì: così chi legge non viene tracciato da altri siti e la pagina resta leggera",
        "![Le operatrici degli enti in assemblea]({static}/immagini/assemblea.jpg)",
    ),
    # --- between files -------------------------------------------------------------------
    "translation-without-source": M(
        "questa traduzione non ha l'originale in $default_name ($source)",
        "il nome deve essere quello del file originale più il codice della lingua$hint",
        "$example",
    ),
    "duplicate-url": M(
        "l'indirizzo /$url è già di $other",
        "due contenuti non possono avere lo stesso indirizzo: rinomina uno dei due file, o cambia il suo Slug",
        "Slug: $suggestion",
    ),
    "missing-home": M(
        "manca la pagina iniziale in $language ($expected)",
        "ogni lingua del sito ha bisogno della sua pagina iniziale: traduci quella italiana",
        "make translate FILE=content/pagine/home.md LANG=$lang",
    ),
    # --- wording (warnings) --------------------------------------------------------------
    "wording": M(
        "«$found» è un termine sconsigliato dalle linee guida della Carta di Roma",
        "al suo posto: $suggestion",
    ),
    "long-sentence": M(
        "questa frase è lunga $words parole (il limite è $limit): «$start»",
        "dividila in frasi più brevi, un'informazione per frase: chi legge in una lingua che "
        "conosce poco segue meglio le frasi corte",
    ),
    # --- the claims ledger (claims.py): `make content-todo` and the tests ----------------
    "source-missing": M(
        "manca il campo Source: non si sa da quale passo della fonte vengono i fatti di questo file",
        "aggiungi Source: con i passi di docs/source/ da cui vengono i fatti, copiati parola per "
        "parola, uno per riga; una pagina che non parla della rete (ricerca, privacy…) ha "
        "Source: nessuna",
        "Source: Avviato un tavolo di confronto presso la Prefettura di Torino\n"
        "    una rete di secondo livello che riunisce 12 degli enti",
    ),
    "source-empty": M(
        "il campo Source è vuoto",
        "scrivi i passi di docs/source/ da cui vengono i fatti, copiati parola per parola, uno per "
        "riga; se la pagina non parla della rete, scrivi Source: nessuna",
        "Source: Avviato un tavolo di confronto presso la Prefettura di Torino",
    ),
    "source-too-short": M(
        "la citazione «$quote» è troppo corta per dire da dove viene il fatto",
        "cita almeno $min parole di seguito, come sono nella fonte",
    ),
    "source-not-verbatim": M(
        "la citazione «$quote» non è, parola per parola, in nessun testo di docs/source/$hint",
        "copia il passo esattamente com'è nella fonte (stesse parole, stessa punteggiatura); per "
        "due passi lontani usa due righe",
    ),
    "source-none-names": M(
        "la pagina dice Source: nessuna, ma nomina «$value», che compare nei testi della rete",
        "se la pagina riporta un fatto della rete, cita il passo in Source al posto di «nessuna»",
    ),
    "claim-number": M(
        "il numero «$value» non è nei passi citati in Source",
        "se il numero viene dalla fonte, aggiungi in Source il passo che lo contiene; se no, "
        "toglilo: il sito non pubblica numeri che la fonte non dà",
    ),
    "claim-date-word": M(
        "la data «$value» non è nei passi citati in Source",
        "se la data viene dalla fonte, aggiungi in Source il passo che la contiene; se no, toglila",
    ),
    "claim-legal": M(
        "il riferimento di legge «$value» non è nei passi citati in Source",
        "aggiungi in Source il passo della fonte che lo cita, oppure toglilo",
    ),
    "claim-legal-form": M(
        "«$value»: questo atto è un decreto legislativo, non una legge",
        "scrivi $expected; la prima volta spiega cos'è (il Codice del Terzo settore)",
        "$expected, il Codice del Terzo settore",
    ),
    "claim-name": M(
        "il nome «$value» non è nei passi citati in Source",
        "se il nome viene dalla fonte, aggiungi in Source il passo che lo contiene; se no, "
        "toglilo: il sito non nomina persone, enti o luoghi che la fonte non nomina",
    ),
    "claim-member-name": M(
        "l'ente è scritto «$found», ma la rete lo scrive «$expected»",
        "scrivi il nome dell'ente esattamente come nell'elenco degli enti dell'annuncio",
        "$expected",
    ),
    "claim-member-title": M(
        "il titolo «$value» non è il nome di un ente come lo scrive l'annuncio$hint",
        "il titolo della scheda è il nome dell'ente, copiato dall'elenco degli enti dell'annuncio "
        "(docs/source/)",
    ),
}

EN: dict[str, Message] = {
    "outside-folders": M("the file is outside the content folders: the site does not read it",
                         "move it into one of: $folders", "content/notizie/a-news-item.md"),
    "subfolder": M("the site does not read subfolders of content/$folder/",
                   "move the file into content/$folder/ itself", "content/$folder/$name"),
    "not-markdown": M("content/$folder/ only holds Markdown (.md) texts: this file would not be published",
                      "images go in content/immagini/, downloads in content/materiali/",
                      "content/immagini/$name"),
    "other-markup": M("the file is .$ext: the site only publishes Markdown (.md)",
                      "rewrite it as a .md file (make new creates one)", "content/$folder/$stem.md"),
    "bad-file-name": M("the file name «$name» is not valid: it becomes the page's address",
                       "use lowercase letters without accents, digits and hyphens", "$suggestion"),
    "unknown-language": M("«$lang» in the file name is not a language of the site ($languages)",
                          "the language code goes between the name and .md", "$suggestion"),
    "default-language-suffix": M("files in $default_name have no language code in their name",
                                 "remove «.$lang» from the file name", "$suggestion"),
    "too-large": M("the file is too large ($size; the limit is $limit)",
                   "split the text; put downloads in content/materiali/"),
    "binary": M("the file is not text: perhaps an image or a Word document saved as .md",
                "open it in a text editor, or recreate it with make new",
                'make new TYPE=news TITLE="News title"'),
    "unreadable": M("the file cannot be read ($detail)", "check that it exists and is readable"),
    "utf16": M("the file is saved as UTF-16; the site reads UTF-8 only", "save it as UTF-8"),
    "not-utf8": M("the file is not UTF-8: the character at column $column cannot be read (byte $byte)",
                  "save the file as UTF-8 and check accented letters"),
    "control-char": M("there is an invisible control character ($char) at column $column",
                      "delete it and retype the words around it"),
    "empty-file": M("the file is empty", "write the header, a blank line and the text", "$example"),
    "no-front-matter": M("the file does not start with its header («Field: value» lines)",
                         "put the fields at the top, one per line, then a blank line, then the text",
                         "$example"),
    "blank-first-line": M("the file starts with a blank line, so the site sees no header",
                          "delete the blank lines at the top", "$example"),
    "fence": M("«---» lines are not used: the header is not YAML",
               "delete the «---» line; the header ends at the first blank line",
               "Title: About us\nSummary: One sentence.\n\nThe text."),
    "bad-field-line": M("this line is in the header but is not a «Name: value» field",
                        "if it is a field, write name, colon, value; if it starts the text, "
                        "leave a blank line before it", "$example"),
    "missing-colon": M("the colon after «$name» is missing", "write name, colon, value", "$example"),
    "space-before-colon": M("there is a space before the colon in «$text»",
                            "write the field name right before the colon", "$example"),
    "bad-field-name": M("the field name «$name» has spaces, accents or symbols",
                        "field names are English words without spaces$hint", "$example"),
    "empty-body": M("the text is missing: the file only has a header",
                    "leave a blank line after the header and write the text",
                    "Summary: One sentence.\n\nThe text."),
    "unknown-field": M("the field «$name» does not exist",
                       "$hint; if not needed, delete the line. Fields of $type: $names", "$example"),
    "field-not-for-type": M("the field «$name» is not used in $type",
                            "delete the line. Fields of $type: $names"),
    "reserved-lang": M("the $name field is not used: the language is in the file name",
                       "delete the line; an English translation is named $stem.en.md"),
    "reserved-template": M("the $name field is not written in content", "delete the line"),
    "reserved-address": M("the $name field is not written in content: the address comes from the file name",
                          "delete the line; rename the file, or use Slug in a translation",
                          "Slug: new-address"),
    "reserved-author": M("the $name field is not used", "delete the line"),
    "reserved-key": M("the $name field is not written: the file name is the key", "delete the line"),
    "duplicate-field": M("the field $name is written twice (first on line $other)",
                         "keep one $name line"),
    "multiline-field": M("the field $name continues on this line but must fit on one line",
                         "join the lines; if this starts the text, leave a blank line before it",
                         "$example"),
    "missing-field": M("the required field $name is missing", "add it to the header", "$example"),
    "empty-required": M("the required field $name is empty", "write its value after the colon",
                        "$example"),
    "empty-date": M("the field $name is empty", "write the date or delete the line", "$example"),
    "needs-image_alt": M("there is an image ($field, line $line_of_field) but no Image_alt text",
                         "describe what the image shows, for people who cannot see it", "$example"),
    "needs-image_consent": M("the photo shows identifiable people ($field: $value) but Image_consent is missing",
                             "write the reference of the signed consent form, or use another photo",
                             "$example"),
    "needs": M("$field is set but $needs is missing", "add $needs", "$example"),
    "bad-date": M("«$value» is not a date in the right form", "write YYYY-MM-DD$hint", "$example"),
    "bad-date-calendar": M("the day «$value» does not exist", "check month and day", "$example"),
    "future-date": M("the date $value is in the future",
                     "$name is the publication day: fix the typo", "$name: $today"),
    "date-order": M("$later ($later_value) comes before $earlier ($earlier_value, line $earlier_line)",
                    "check both dates"),
    "bad-choice": M("«$value» is not allowed for $name", "use one of: $choices", "$example"),
    "bad-integer": M("$name is «$value» but must be a whole number", "write digits only", "$example"),
    "bad-slug": M("«$value» is not a valid Slug", "lowercase letters, digits and hyphens",
                  "Slug: $suggestion"),
    "bad-url": M("«$value» is not a complete web address", "write it with https://", "$example"),
    "html-in-text": M("$name contains HTML («$tag»)", "write plain text", "$example"),
    "unsafe-html": M("the text contains code that is not allowed («$tag»)",
                     "no scripts, iframes, forms or on… attributes: link to the video or form instead",
                     "[Watch the video](https://www.example.org/video)"),
    "placeholder": M("this line is still marked ✎ (to write or to translate)",
                     "write the final text and remove ✎"),
    "bad-material": M("the material «$value» must read «Title | link»", "separate them with |",
                      "Materials: Leaflet (PDF) | {static}/materiali/volantino.pdf"),
    "empty-list-item": M("the list «$value» has an empty item", "use single commas", "$example"),
    "no-letters": M("«$value» has no letters or digits", "write a word", "$example"),
    "unknown-member": M("the member «$value» is not in content/membri/",
                        "write the member's file name without .md$hint", "Members: babel, cisv"),
    "broken-filename": M("the link «$target» points to a file that does not exist",
                         "check the path, which starts at content/$hint",
                         "[Contacts]({filename}/pagine/contatti.md)"),
    "broken-static": M("the file «$target» does not exist",
                       "put it in content/$where or fix the name$hint",
                       "[Leaflet]({static}/materiali/volantino.pdf)"),
    "filename-static": M("«$target» links a file with {filename}", "use {static} for files",
                         "[Leaflet]({static}/$path)"),
    "field-link": M("in this field the link «$target» cannot be written like this",
                    "write {filename}/ plus the page's path from content/ (no # or ?), {static}/ "
                    "plus a file's path, or a full https:// address",
                    "Cta_url: {filename}/pagine/contatti.md"),
    "static-outside": M("«$target» is not in a published folder ($folders)",
                        "images in content/immagini/, downloads in content/materiali/",
                        "[Leaflet]({static}/materiali/volantino.pdf)"),
    "bad-marker": M("«$marker» is not a valid link marker",
                    "use {filename} for pages and {static} for files",
                    "[Contacts]({filename}/pagine/contatti.md)"),
    "relative-link": M("the link «$target» is incomplete and would not work",
                       "use {filename} plus the path from content/, or a full https:// address",
                       "$example"),
    "unknown-url": M("the address «$target» matches no page of the site",
                     "link the file instead: {filename} plus the path from content/",
                     "[About]({filename}/pagine/chi-siamo.md)"),
    "unsafe-link": M("the link «$target» is not allowed", "link pages, https:// or mailto: only",
                     "[Write to us](mailto:info@example.org)"),
    "empty-link": M("the link «$text» goes nowhere", "write where it goes between the parentheses",
                    "[Contacts]({filename}/pagine/contatti.md)"),
    "missing-alt": M("the image «$target» has no alternative text",
                     "describe what it shows between the square brackets",
                     "![Staff of the members in a meeting]($target)"),
    "bad-alt": M("the alternative text «$value» does not describe the image",
                 "say what the image shows, not its file name", "$example"),
    "missing-file": M("the file «$value» named in $name does not exist",
                      "put it in content/$where or fix the name$hint", "$example"),
    "not-an-image": M("«$value» is not an image (JPEG, PNG, WebP, AVIF, GIF)",
                      "name an image file in content/immagini/", "$example"),
    "image-format": M("«$value» is in a format the site does not publish (SVG, HEIC)",
                      "export it as JPEG or PNG", "$example"),
    "image-external": M("the image «$target» is on another site",
                        "download it into content/immagini/ and use it from there",
                        "![Staff in a meeting]({static}/immagini/assemblea.jpg)"),
    "translation-without-source": M("this translation has no original in $default_name ($source)",
                                    "the name must be the original's plus the language code$hint",
                                    "$example"),
    "duplicate-url": M("the address /$url is already used by $other",
                       "rename one of the files or change its Slug", "Slug: $suggestion"),
    "missing-home": M("the home page in $language is missing ($expected)",
                      "every language needs its home page",
                      "make translate FILE=content/pagine/home.md LANG=$lang"),
    "wording": M("«$found» is discouraged by the Carta di Roma guidelines",
                 "instead: $suggestion"),
    "long-sentence": M("this sentence has $words words (the limit is $limit): «$start»",
                       "split it into shorter sentences, one piece of information each"),
    "source-missing": M("the Source field is missing", "quote the source passages, one per line; "
                        "a page that states no fact about the network has Source: nessuna"),
    "source-empty": M("the Source field is empty", "quote the source passages, one per line"),
    "source-too-short": M("the quote «$quote» is too short", "quote at least $min words"),
    "source-not-verbatim": M("the quote «$quote» is not word for word in docs/source/$hint",
                             "copy the passage exactly"),
    "source-none-names": M("the page says Source: nessuna but names «$value» from the network's texts",
                           "quote the passage in Source instead"),
    "claim-number": M("the number «$value» is not in the quoted passages", "quote it or remove it"),
    "claim-date-word": M("the date «$value» is not in the quoted passages", "quote it or remove it"),
    "claim-legal": M("the legal reference «$value» is not in the quoted passages",
                     "quote it or remove it"),
    "claim-legal-form": M("«$value»: this act is a legislative decree", "write $expected", "$expected"),
    "claim-name": M("the name «$value» is not in the quoted passages", "quote it or remove it"),
    "claim-member-name": M("the member is written «$found»; the network writes «$expected»",
                           "write the name as the announcement lists it", "$expected"),
    "claim-member-title": M("the title «$value» is not a member's name as the announcement writes it$hint",
                            "copy the name from the announcement's list"),
}

# The words around the messages: report layout and summaries.
UI = {
    "it": {
        "line": "riga",
        "fix": "Come correggere",
        "example": "Esempio",
        "error": "ERRORE",
        "warning": "AVVISO",
        "hint-did-you-mean": "; forse intendevi «$suggestion»?",
        "hint-field": "forse intendevi «$suggestion»?",
        "hint-no-field": "controlla il nome",
        "hint-members": "; gli enti sono: $names",
        "hint-date": " (per esempio $suggestion)",
        "hint-translation": "; forse l'originale è $suggestion?",
        "listing-news": "l'elenco delle notizie",
        "summary-errors": "Controllo dei contenuti: $errors in $files. Il sito non è stato costruito "
        "e output/ è rimasto com'era: correggi e rilancia il comando.",
        "summary-warnings": "$warnings sul linguaggio: non bloccano la costruzione, ma rileggi quelle frasi.",
        "n-errors": ("$n errore", "$n errori"),
        "n-files": ("$n file", "$n file"),
        "n-warnings": ("$n avviso", "$n avvisi"),
        "ok": "Controllo dei contenuti: nessun errore in $files.",
        "type-news": "notizie",
        "type-page": "pagine",
        "type-campaign": "campagne",
        "type-member": "schede degli enti",
        "type-achievement": "schede dei risultati",
        "or": "oppure",
    },
    "en": {
        "line": "line",
        "fix": "How to fix",
        "example": "Example",
        "error": "ERROR",
        "warning": "WARNING",
        "hint-did-you-mean": "; did you mean «$suggestion»?",
        "hint-field": "did you mean «$suggestion»?",
        "hint-no-field": "check the name",
        "hint-members": "; members are: $names",
        "hint-date": " (for example $suggestion)",
        "hint-translation": "; is the original $suggestion?",
        "listing-news": "the news listing",
        "summary-errors": "Content checks: $errors in $files. The site was not built and output/ "
        "is unchanged: fix them and run the command again.",
        "summary-warnings": "$warnings about wording: they do not stop the build.",
        "n-errors": ("$n error", "$n errors"),
        "n-files": ("$n file", "$n files"),
        "n-warnings": ("$n warning", "$n warnings"),
        "ok": "Content checks: no errors in $files.",
        "type-news": "news items",
        "type-page": "pages",
        "type-campaign": "campaigns",
        "type-member": "member profiles",
        "type-achievement": "achievements",
        "or": "or",
    },
}

CATALOGS = {"it": IT, "en": EN}
LANGUAGES = tuple(CATALOGS)


def render(code: str, params: dict, lang: str) -> Message:
    """The message `code` in `lang`, its placeholders filled from `params`."""
    template = CATALOGS[lang].get(code) or CATALOGS["it"][code]
    values = {k: str(v) for k, v in params.items()}
    return Message(*(Template(part).safe_substitute(values) for part in template))


def ui(key: str, lang: str, **params) -> str:
    return Template(UI[lang][key]).safe_substitute({k: str(v) for k, v in params.items()})


def count(key: str, n: int, lang: str) -> str:
    singular, plural = UI[lang][key]
    return Template(singular if n == 1 else plural).safe_substitute(n=n)


# The build and the development server (safebuild.py, devserver.py).
BUILD = {
    "it": {
        "pelican-error": "ERRORE (Pelican):",
        "pelican-warning": "AVVISO (Pelican):",
        "pelican-crashed": "Pelican si è fermato: $error",
        "failed-pelican": "La costruzione non è riuscita (vedi i messaggi qui sopra) e $output è "
        "rimasto com'era. Se i messaggi non indicano un file da correggere, il problema è nel tema o "
        "nei plugin: chiedi a chi cura il sito, copiando questi messaggi (con DEBUG=1 si vedono i "
        "dettagli tecnici).",
        "built": "Sito costruito in $output ($seconds s).",
        "settings-error": "Le impostazioni ($file) non si leggono: $error",
        "serving": "Anteprima su $url: ogni volta che salvi un file il sito si ricostruisce e la "
        "pagina nel browser si aggiorna da sola. Per fermare: Ctrl+C.",
        "rebuilding": "Modificato: $files. Ricostruisco…",
        "kept": "L'anteprima mostra ancora la versione precedente: correggi e salva di nuovo.",
        "restart": "È cambiato il codice dei plugin ($files): ferma (Ctrl+C) e rilancia make devserver.",
        "port-busy": "La porta $port è già in uso (forse c'è già un make devserver aperto). Usa "
        "un'altra porta: make devserver PORT=8001",
        "stopped": "Anteprima fermata.",
        "overlay-title": "Il sito non si è aggiornato: ci sono errori",
    },
    "en": {
        "pelican-error": "ERROR (Pelican):",
        "pelican-warning": "WARNING (Pelican):",
        "pelican-crashed": "Pelican stopped: $error",
        "failed-pelican": "The build failed (see the messages above) and $output is unchanged. If "
        "no message names a file to fix, the problem is in the theme or plugins (DEBUG=1 shows details).",
        "built": "Site built in $output ($seconds s).",
        "settings-error": "The settings ($file) cannot be read: $error",
        "serving": "Preview at $url: every save rebuilds the site and reloads the page. Stop: Ctrl+C.",
        "rebuilding": "Changed: $files. Rebuilding…",
        "kept": "The preview still shows the previous version: fix and save again.",
        "restart": "Plugin code changed ($files): stop (Ctrl+C) and run make devserver again.",
        "port-busy": "Port $port is in use. Use another: make devserver PORT=8001",
        "stopped": "Preview stopped.",
        "overlay-title": "The site was not updated: there are errors",
    },
}


def ui_build(key: str, lang: str, **params) -> str:
    return Template(BUILD[lang][key]).safe_substitute({k: str(v) for k, v in params.items()})
