# tvault interface messages: Belarusian (афіцыйны правапіс 2008 года). The ids and variables are
# those of en.ftl, which says where each group is used.
# Vocabulary codes, JSON field names and exit codes are never translated.
# Terms: vault = сховішча, record = запіс, testimony = сведчанне, passphrase = парольная фраза,
# identity = ключ (файл ключа), recipient = ключ аднаўлення, act = эпізод пераследу,
# redaction = ачыстка (выдаленне канфідэнцыйных звестак), directory = тэчка.
# Counts are integers, so the default plural variant (*[other], in CLDR only for fractions) has
# the "many" form (5 запісаў): intl_pluralrules 7.0.2 puts 15-19 and 22-29 in `other` for `be`.

## Help (--help)

help-heading-options = Параметры
help-heading-arguments = Аргументы
help-heading-commands = Каманды
help-heading-usage = Выкарыстанне:
help-flag-help = Паказаць даведку
help-flag-version = Паказаць версію
help-about = Зашыфраванае пераноснае сховішча сведчанняў пераследаваных прафсаюзных актывістаў
help-arg-vault = Тэчка сховішча [па змаўчанні: бягучая тэчка, калі гэта сховішча]
help-arg-identity = Адкрыць з дапамогай файла ключа age (радкі AGE-SECRET-KEY-1...) або незашыфраванага закрытага ключа SSH, якому дадзены доступ да сховішча
help-arg-passphrase_file = Адкрыць парольнай фразай з першага радка FILE
help-arg-json = Вывад для праграм: JSON Lines або адзін аб'ект JSON для `show`
help-arg-lang = Мова інтэрфейсу: en, be або ru [па змаўчанні: TVAULT_LANG, інакш мова сістэмы, інакш en]
help-cmd-init = Стварыць новае сховішча ў пустой або новай тэчцы; выводзіць яго публічны адбітак
help-init-recipients = Публічны ключ аднаўлення (age1..., ssh-ed25519/ssh-rsa ... або ключ плагіна, напрыклад age1yubikey1...): яго ўладальнік таксама зможа адкрыць сховішча; можна паўтараць
help-init-recipients_files = Файл з публічнымі ключамі аднаўлення, па адным на радок (можна каментарыі #)
help-init-work_factor = Каэфіцыент складанасці scrypt для парольнай фразы (log2 N): 18 — каля секунды; меншыя значэнні толькі для тэстаў
help-cmd-add = Дадаць сведчанні з файла JSON або stdin ці пакрокава ў тэрмінале; выводзіць ідэнтыфікатары новых запісаў
help-add-from = Уваходныя даныя JSON: адзін запіс, масіў запісаў або JSON Lines; `-` — чытаць stdin
help-add-attach = Далучыць файл да новага запісу (можна паўтараць; ва ўваходных даных павінен быць роўна адзін запіс): файл праходзіць у сховішча адразу зашыфраваным, а яго SHA-256 вылічваецца па дарозе
help-cmd-list = Спіс усіх бягучых запісаў
help-cmd-show = Паказаць адзін запіс (падыходзіць і адназначны пачатак ідэнтыфікатара з 6 і больш знакаў)
help-show-id = Ідэнтыфікатар запісу або яго адназначны пачатак з 6 і больш знакаў
help-cmd-search = Пошук па метаданых запісаў (расшыфроўваюцца толькі ў памяці); выводзіць знойдзеныя запісы, спачатку з найноўшымі эпізодамі
help-search-query = Запыт (гл. ніжэй); без запыту выводзяцца ўсе запісы
help-search-narrative = Шукаць і ў тэксце сведчання (павольней: расшыфроўваецца кожны запіс)
help-search-limit = Вывесці не больш за N запісаў
help-search-after = QUERY: знаходзяцца запісы, дзе ёсць усе словы; -слова выключае слова; "некалькі слоў" у двукоссі шукаюцца як фраза; field:value шукае толькі ў адным полі (name, status, act, place, union, employer, perpetrator, charge, tag, purpose, risk); date:FROM..TO знаходзіць эпізоды, даты якіх перасякаюцца з прамежкам (FROM або TO можна прапусціць; YYYY, YYYY-MM або YYYY-MM-DD). Пошук не зважае на рэгістр і дыякрытыку, супастаўляе кірыліцкае і лацінскае напісанне імя і ўлічвае славянскія канчаткі.

    Прыклады:
      tvault search Лукашэвіч
      tvault search union:BITU status:convicted_in_absentia date:2022..
      tvault search perpetrator:GUBOPiK act:interrogation place:Salihorsk
help-cmd-export = Экспартаваць зводкі знойдзеных запісаў (без запыту — усіх) для адной мэты, без канфідэнцыйных звестак і ў межах згоды сведак
help-export-query = Запыт, як для `search`; без запыту экспартуюцца ўсе запісы
help-export-purpose = Для чаго экспарт; што ў яго трапіць, вырашае згода кожнага запісу на гэтую мэту
help-export-format = Фармат вываду
help-export-out = Запісаць экспарт у FILE (`-`: стандартны вывад, нават тэрмінал) [па змаўчанні: стандартны вывад, калі гэта не тэрмінал]
help-export-report = Таксама запісаць у FILE справаздачу пра ачыстку (JSON: колькасць па відах і запісах, не ўключаныя запісы з прычынамі, абагульненні; ніколі не выдаленыя значэнні)
help-export-force = Замяніць FILE для --out і --report, калі ён ужо існуе
help-export-include_narrative = Уключыць і сам тэкст сведчання (ачышчаны, як і ўсе іншыя тэксты)
help-export-keep_unlisted_names = Не выдаляць словы, падобныя на імёны, калі іх ніхто не ўнёс у запіс
help-export-narrative = Шукаць па запыце і ў тэксце сведчання (павольней: расшыфроўваецца кожны запіс)
help-export-after = Для кожнага знойдзенага запісу ўсё вырашае яго згода на мэту --purpose: none, no_use або aggregate_only — запіс не экспартуецца (толькі падлічваецца, ніколі не пералічваецца); anonymous — без імя (`Witness 1`, ...); pseudonym — псеўданім з запісу або сталы псеўданім, выведзены з сакрэту сховішча; named_limited — застаецца асноўнае імя; named_full — яшчэ і поўныя даты і месцы. Пры любым узроўні з усіх палёў і з вольнага тэксту выдаляюцца кантакты, месцазнаходжанне, месца жыхарства, трэція асобы, інтэрв'юеры, канфідэнцыйныя словы, нумары тэлефонаў, адрасы электроннай пошты, нікі, нумары дакументаў, адрасы і нумарныя знакі, а службовыя асобы — калі мэта не accountability. Гатовы вынік правяраецца яшчэ раз; калі нешта засталося, нічога не запісваецца і называецца запіс. Усе правілы — у docs/EXPORT.md.

    Экспарт не зашыфраваны: ён ніколі не выводзіцца ў тэрмінал, калі не ўказаць --out -.

    Прыклады:
      tvault export --purpose ilo_cfa --format md --out ilo.md --report ilo-report.json
      tvault export union:BITU date:2022.. --purpose ohchr --format json --out ohchr.json
help-cmd-reindex = Перабудаваць зашыфраваны пошукавы індэкс з запісаў
help-cmd-passwd = Змяніць парольную фразу, не перазапісваючы запісы
help-passwd-new_passphrase_file = Узяць новую парольную фразу з першага радка FILE, а не ўводзіць яе двойчы
help-passwd-work_factor = Каэфіцыент складанасці scrypt для новай парольнай фразы [па змаўчанні: не мяняць]
help-cmd-verify = Праверыць кожны файл па журнале цэласнасці; код выхаду 1, калі нешта не так
help-verify-deep = Таксама расшыфраваць і пераправерыць кожны запіс, а кожны далучаны файл расшыфраваць і праверыць SHA-256 арыгінала
help-verify-expect = Адбітак журнала, запісаны пры ранейшай праверцы: выяўляе адкат усяго сховішча да ранейшага стану
help-cmd-info = Звесткі пра сховішча: ідэнтыфікатар, фарматы, колькасць запісаў, ключы аднаўлення, надзейнасць парольнай фразы, стан індэкса і журнала (расшыфроўваюцца толькі слот ключа, канфігурацыя, журнал і індэкс)
help-cmd-completions = Вывесці скрыпт аўтадапаўнення для абалонкі (bash, zsh, fish, powershell, elvish)
help-completions-shell = Абалонка
help-completions-after = Усталяванне, напрыклад:
    {"  "}bash: tvault completions bash > ~/.local/share/bash-completion/completions/tvault
    {"  "}zsh:  tvault completions zsh > ~/.zfunc/_tvault   (і fpath+=~/.zfunc перад compinit)
    {"  "}fish: tvault completions fish > ~/.config/fish/completions/tvault.fish
help-cmd-man = Вывесці старонку man (roff) у стандартны вывад
help-man-after = Усталяванне, напрыклад: tvault man > ~/.local/share/man/man1/tvault.1
help-cmd-demo = Выканаць усе каманды на часовым сховішчы з выдуманымі сведчаннямі і потым выдаліць яго
help-demo-keep = Не выдаляць дэма-сховішча, а пакінуць яго ў гэтай (пустой або новай) тэчцы; побач запісваецца файл з яго парольнай фразай
help-cmd-bench = Вымераць хуткасць add, search, list, export і verify на сінтэтычных сховішчах (справаздача ў Markdown)
help-bench-records = Памеры сінтэтычных сховішчаў у запісах; можна паўтараць
help-bench-runs = Колькасць запускаў кожнай каманды (паказваецца медыяна)

## Errors and hints of the vault core (src/cli/error.rs)

err-not-a-vault = { $path } — не сховішча tvault
hint-not-a-vault = укажыце --vault DIR (або задайце TVAULT_VAULT) ці стварыце сховішча камандай `tvault init`
err-not-empty = тэчка { $path } не пустая; сховішча ствараецца ў пустой або новай тэчцы
hint-not-empty = выберыце новую тэчку, напр. --vault /media/usb/vault
err-newer-format = { $path } мае версію фармату { $found }, а гэты tvault падтрымлівае толькі да { $supported }
hint-newer-format = каб адкрыць гэтае сховішча, абнавіце tvault
err-wrong-key = няправільная парольная фраза або ключ
err-no-passphrase-slot = у гэтага сховішча няма парольнай фразы; яно адкрываецца толькі ключом
hint-pass-identity = укажыце --identity FILE
err-no-recipients-slot = у гэтага сховішча няма ключоў аднаўлення; яно адкрываецца толькі парольнай фразай
hint-pass-passphrase = укажыце --passphrase-file FILE або ўвядзіце парольную фразу
err-excessive-work = { $path }: каэфіцыент складанасці scrypt { $found } большы за дапушчальны максімум { $max }
hint-excessive-work = магчыма, слот ключа падменены; запусціце `tvault verify` на надзейнай копіі
err-locked = сховішча занята іншай камандай tvault ({ $path })
hint-locked = пачакайце, пакуль іншая каманда скончыцца, і паспрабуйце зноў
err-symlink = { $path } — сімвалічная спасылка; tvault ніколі не пераходзіць па спасылках унутры сховішча
err-invalid-record = памылковы запіс: { $reason }
err-record-not-found = няма запісу з ідэнтыфікатарам { $id }
hint-record-not-found = `tvault list` паказвае ідэнтыфікатары ўсіх запісаў
err-ambiguous-id = пачатак ідэнтыфікатара { $prefix } адпавядае { $count } { $count ->
    [one] запісу
   *[other] запісам
}
hint-ambiguous-id = увядзіце больш знакаў ідэнтыфікатара
err-identity-file = файл ключа: { $reason }

## Finding and unlocking the vault (src/cli/unlock.rs)

err-cwd = не ўдаецца прачытаць бягучую тэчку: { $reason }
err-no-vault-given = сховішча не ўказана, а бягучая тэчка — не сховішча
hint-no-vault-given = укажыце --vault DIR або задайце TVAULT_VAULT
prompt-passphrase = Парольная фраза для { $vault }:{" "}
what-identity-file = файл ключа
what-passphrase-file = файл парольнай фразы
err-identity-file-path = файл ключа { $path }: { $reason }
err-passphrase-file-utf8 = файл парольнай фразы { $path } — не тэкст UTF-8
err-passphrase-file-empty = у файле парольнай фразы { $path } пусты першы радок
err-cannot-read = не ўдаецца прачытаць { $what } { $path }: { $reason }
err-too-large = { $what } { $path } занадта вялікі
err-no-terminal-passphrase = няма тэрмінала, каб запытаць парольную фразу
hint-no-terminal = укажыце --passphrase-file FILE або --identity FILE (ці задайце TVAULT_PASSPHRASE_FILE / TVAULT_IDENTITY)
err-terminal-read = не ўдаецца прачытаць з тэрмінала: { $reason }
err-no-terminal-confirm = няма тэрмінала, каб запытаць пацвярджэнне
confirm-default-yes = Т/н
confirm-default-no = т/Н
warn-short-passphrase-file = парольная фраза ў { $path } карацейшая за { $min } { $min ->
    [one] знак
    [few] знакі
   *[other] знакаў
}; той, хто захопіць сховішча, зможа падбіраць яе без абмежаванняў
err-no-terminal-new-passphrase = няма тэрмінала, каб запытаць новую парольную фразу
prompt-new-passphrase = Новая парольная фраза (пакіньце пустой, каб стварыць надзейную):{" "}
note-generated-passphrase = Створаная парольная фраза (запішыце яе зараз; яна паказваецца толькі адзін раз):
confirm-short-passphrase = У гэтай парольнай фразе толькі { $len } { $len ->
    [one] знак
    [few] знакі
   *[other] знакаў
}; калі сховішча захопяць, яе можна будзе падбіраць без абмежаванняў. Усё роўна выкарыстаць яе?
err-passphrase-too-short = парольная фраза адхілена: занадта кароткая
hint-passphrase-too-short = пакіньце парольную фразу пустой, і будзе створана надзейная
prompt-repeat-passphrase = Паўтарыце парольную фразу:{" "}
err-passphrases-differ = парольныя фразы не супадаюць

## The guided `add` (src/cli/guided.rs)

guided-input-ended = увод скончыўся; нічога не дададзена
guided-list-suffix = (праз ;)
guided-date-suffix = (YYYY, YYYY-MM або YYYY-MM-DD; ? або ~, калі дата недакладная)
guided-not-a-date = гэта не дата ў такім фармаце; паспрабуйце зноў або пакіньце пустым
guided-choice = Нумар (1-{ $count }) або код; пуста — прапусціць
guided-choose = выберыце нумар або адзін з кодаў са спісу, або пакіньце пустым
guided-multiline = (некалькі радкоў; радок з адной кропкай «.» завяршае ўвод):
guided-place-country = { $what }: код краіны (напр. BY)
guided-place-region = { $what }: вобласць
guided-place-locality = { $what }: горад або вёска
guided-intro = Новае сведчанне. Каб прапусціць поле, пакіньце яго пустым. Усё застаецца ў памяці, пакуль не будзе захавана ў зашыфраваным выглядзе.
guided-names = Імёны сведкі ва ўсіх ужываных напісаннях
guided-names-needed = патрэбна хаця б адно імя (яно ніколі не экспартуецца без згоды)
guided-title = Працоўная назва
guided-language = Мова сведчання (be, ru, en, ...)
guided-pseudonym = Псеўданім для экспарту (напр. Рабочы Б-17)
guided-sex = Пол
guided-birth-date = Дата нараджэння
guided-occupation = Прафесія
guided-employer = Наймальнік
guided-union = Прафсаюз
guided-union-role = Роля ў прафсаюзе
guided-status = Цяперашні статус
guided-status-as-of = Дата статусу
guided-whereabouts = Месцазнаходжанне (напр. калонія)
guided-residence = Месца жыхарства
guided-contact = Кантакт (тэлефон, месенджар)
guided-interview = Запісаць звесткі пра інтэрв'ю?
guided-interview-date = Дата інтэрв'ю
guided-interview-mode = Спосаб інтэрв'ю (in_person, video_call, ...)
guided-interviewer = Хто браў інтэрв'ю (ініцыялы)
guided-interview-place = Месца інтэрв'ю
guided-add-act = Дадаць эпізод пераследу?
guided-add-another-act = Дадаць яшчэ адзін эпізод?
guided-act-type = Від пераследу
guided-act-date = Дата эпізоду
guided-act-place = Месца эпізоду
guided-perpetrators = Адказныя дзяржаўныя органы, напр. КДБ
guided-officials = Прозвішчы службовых асоб
guided-charges = Абвінавачванні, напр. арт. 361-1 КК
guided-sentence = Прысуд
guided-in-absentia = Завочна?
guided-notes = Заўвагі
guided-add-person = Дадаць трэцюю асобу, згаданую ў сведчанні?
guided-add-another-person = Дадаць яшчэ адну асобу?
guided-person-name = Імя
guided-person-relation = Сувязь са сведкам (суабвінавачаны, сваяк, ...)
guided-add-consent = Запісаць згоду на пэўную мэту?
guided-add-another-consent = Згода на яшчэ адну мэту?
guided-purpose = Мэта
guided-consent-dup = згода на гэтую мэту ўжо запісана
guided-level = Узровень
guided-conditions = Умовы
guided-risk = Рызыка для сведкі
guided-tags = Тэгі
guided-sensitive = Словы, якія ніколі не павінны трапіць у экспарт
guided-summary = Кароткі змест
guided-narrative = Сведчанне
guided-save = Захаваць гэтае сведчанне ў сховішчы ў зашыфраваным выглядзе?

## Labels of the vocabulary codes (tables, prompts, Markdown exports); the codes never change

vocab-male = мужчынскі
vocab-female = жаночы
vocab-other = іншае
vocab-unknown = невядома
vocab-at-liberty = на волі
vocab-administrative-arrest = адміністрацыйны арышт
vocab-detained-pretrial = пад вартай да суда
vocab-on-trial = пад судом
vocab-serving-sentence = адбывае пакаранне
vocab-restricted-freedom = абмежаванне волі
vocab-released = вызвалены
vocab-in-exile = у эміграцыі
vocab-convicted-in-absentia = асуджаны завочна
vocab-wanted = у вышуку
vocab-missing = зніклы без вестак
vocab-deceased = памерлы
vocab-arrest = арышт
vocab-detention = затрыманне
vocab-search = ператрус
vocab-seizure = выманне рэчаў
vocab-interrogation = допыт
vocab-ill-treatment = жорсткае абыходжанне
vocab-torture = катаванні
vocab-threats = пагрозы
vocab-pressure-on-relatives = ціск на сваякоў
vocab-dismissal = звальненне з працы
vocab-denied-workplace-access = недапушчэнне на працоўнае месца
vocab-criminal-case = крымінальная справа
vocab-conviction = асуджэнне
vocab-trial-in-absentia = завочны суд
vocab-extremist-designation = прызнаны «экстрэмісцкім»
vocab-extremist-list = унесены ў «экстрэмісцкі» спіс
vocab-union-liquidation = ліквідацыя прафсаюза
vocab-asset-confiscation = канфіскацыя сродкаў
vocab-property-confiscation = канфіскацыя маёмасці
vocab-citizenship-deprivation = пазбаўленне грамадзянства
vocab-travel-ban = забарона на выезд
vocab-forced-exile = вымушаная эміграцыя
vocab-forced-confession-video = вымушанае «пакаяннае» відэа
vocab-denial-of-medical-care = адмова ў медычнай дапамозе
vocab-incommunicado = рэжым інкамунікада
vocab-internal = унутранае выкарыстанне
vocab-partner = партнёрскія арганізацыі
vocab-ilo-cfa = Камітэт МАП па свабодзе аб'яднанняў
vocab-un-special-procedures = спецыяльныя працэдуры ААН
vocab-ohchr = Упраўленне Вярхоўнага камісара ААН па правах чалавека
vocab-public-report = публічны даклад
vocab-media = СМІ
vocab-accountability = прыцягненне да адказнасці
vocab-no-use = не выкарыстоўваць
vocab-aggregate-only = толькі агульныя лічбы
vocab-anonymous = ананімна
vocab-pseudonym = пад псеўданімам
vocab-named-limited = з імем (абмежавана)
vocab-named-full = з імем (поўнасцю)
vocab-low = нізкая
vocab-medium = сярэдняя
vocab-high = высокая
vocab-critical = крытычная

## Tables and `show` (src/cli/render.rs)

col-id = ID
col-updated = ЗМЕНЕНЫ
col-status = СТАТУС
col-witness = СВЕДКА
col-title = НАЗВА
col-latest-act = АПОШНІ ЭПІЗОД
show-record = Запіс { $id } (версія { $version })
show-created = Створаны { $created }, зменены { $updated }
show-title = Назва
show-language = Мова
show-witness = Сведка
show-names = Імёны
show-pseudonym = Псеўданім
show-sex = Пол
show-born = Дата нараджэння
show-occupation = Прафесія
show-employer = Наймальнік
show-unions = Прафсаюзы
show-status-as-of = { $status } (станам на { $date })
show-status = Статус
show-whereabouts = Месцазнаходжанне
show-residence = Месца жыхарства
show-contact = Кантакт
show-interview = Інтэрв'ю
show-date = Дата
show-mode = Спосаб
show-interviewer = Хто браў інтэрв'ю
show-place = Месца
show-acts = Эпізоды пераследу
show-in-absentia = завочна
show-perpetrators = Адказныя органы
show-officials = Службовыя асобы
show-charges = Абвінавачванні
show-sentence = Прысуд
show-notes = Заўвагі
show-people = Трэція асобы
show-consent = Згода
show-risk = Рызыка
show-tags = Тэгі
show-sensitive-terms = Канфідэнцыйныя словы
show-summary = Кароткі змест
show-narrative = Тэкст сведчання
warn-skipped = прапушчаны { $path }: { $reason }
err-unreadable-files = не ўдалося прачытаць { $count } { $count ->
    [one] файл у сховішчы
    [few] файлы ў сховішчы
    [many] файлаў у сховішчы
   *[other] файлаў у сховішчы
}
hint-unreadable-files = сховішча, магчыма, пашкоджана або падроблена: запусціце `tvault verify` для поўнай справаздачы і нічога не мяняйце ў гэтай копіі
err-write-output = не ўдаецца запісаць вывад: { $reason }

## Commands

err-input-invalid = { $input }: памылковы запіс: { $reason }
hint-input-invalid = нічога не дададзена; выпраўце запіс і запусціце тую ж каманду зноў
err-input-empty = { $input }: ва ўваходных даных няма запісаў
err-no-input = няма ўваходных даных: укажыце --from FILE або --from -, каб чытаць stdin
hint-no-input = без --from каманда add у тэрмінале пытаецца поле за полем
note-nothing-added = нічога не дададзена
note-added = { $count ->
    [one] дададзены { $count } запіс
    [few] дададзены { $count } запісы
    [many] дададзена { $count } запісаў
   *[other] дададзена { $count } запісаў
}
err-read-stdin = не ўдаецца прачытаць stdin: { $reason }
err-read-input = не ўдаецца прачытаць { $input }: { $reason }
err-input-too-large = { $input }: уваходныя даныя большыя за { $max } МіБ (кожны запіс — не больш за { $record_max } МіБ)
err-bad-recipient = --recipient нумар { $number } — не публічны ключ age1... або ssh-
err-read-recipients-file = не ўдаецца прачытаць файл ключоў аднаўлення { $path }: { $reason }
err-bad-recipient-line = файл ключоў аднаўлення { $path }, радок { $line }: не публічны ключ age1... або ssh-
err-init-identity-not-age = файл ключа { $path }: з init можна выкарыстоўваць толькі ключы age (AGE-SECRET-KEY-1...)
hint-init-identity-not-age = замест гэтага ўкажыце публічны ключ праз --recipient
note-no-passphrase-set = заўвага: парольная фраза не зададзена; сховішча адкрываецца толькі ключом (дадаць фразу: `tvault passwd`)
note-created-vault = створана сховішча { $path }
err-id-characters = ідэнтыфікатар запісу складаецца толькі са знакаў 0-9 і a-z (без i, l, o, u)
err-id-too-short = пачатак ідэнтыфікатара павінен мець не менш за { $min } { $min ->
    [one] знак
    [few] знакі
   *[other] знакаў
}
note-passphrase-changed = парольная фраза зменена (каэфіцыент складанасці scrypt { $work_factor }); ніводны запіс не перазапісаны
note-index-rebuilt = індэкс перабудаваны: { $count } { $count ->
    [one] запіс
    [few] запісы
    [many] запісаў
   *[other] запісаў
}
verify-problem = ПРАБЛЕМА { $path }: { $reason }
verify-head = адбітак журнала: { $head }
verify-counts = запісаў: { $records }, правераных файлаў: { $files }{ $deep ->
    [yes] {" "}(запісы расшыфраваны)
   *[no] {""}
}, радкоў журнала: { $entries }
verify-pending = { $count ->
    [one] { $count } файл перапыненай аперацыі ўжо зафіксаваны і будзе перанесены на месца наступнай камандай, якая змяняе сховішча
    [few] { $count } файлы перапыненай аперацыі ўжо зафіксаваны і будуць перанесены на месца наступнай камандай, якая змяняе сховішча
   *[other] { $count } файлаў перапыненай аперацыі ўжо зафіксаваны і будуць перанесены на месца наступнай камандай, якая змяняе сховішча
}
verify-ok = ok: кожны файл адпавядае журналу цэласнасці
verify-problems-found = { $count ->
    [one] знойдзена { $count } праблема
    [few] знойдзены { $count } праблемы
    [many] знойдзена { $count } праблем
   *[other] знойдзена { $count } праблем
}
err-verify-found = праверка (verify) выявіла { $count } { $count ->
    [one] праблему
    [few] праблемы
    [many] праблем
   *[other] праблем
}
hint-verify-found = захавайце гэтую копію без змен як доказ і параўнайце яе з надзейнай копіяй
note-index-saved = пошукавы індэкс адсутнічаў, быў пашкоджаны або няпоўны (нанова праіндэксаваны { $count } { $count ->
    [one] запіс
    [few] запісы
    [many] запісаў
   *[other] запісаў
}); захаваны
warn-index-not-saved = пошукавы індэкс трэба перабудаваць, але не ўдалося яго захаваць: { $reason }

## Export (src/cli/cmd_export.rs)

err-report-stdout = для --report патрэбна імя файла, а не -
err-out-report-same = --out і --report называюць адзін і той жа файл
err-export-leak = запіс { $id }: пасля ачысткі ў экспарце засталося нешта тыпу { $kinds }; нічога не запісана
hint-export-leak = выпраўце запіс (унясіце імя ў `people` або `sensitive_terms`) ці не ўключайце яго і экспартуйце зноў; калі ласка, паведаміце пра гэты выпадак
note-exported = { $count ->
    [one] экспартаваны { $count } запіс
    [few] экспартаваны { $count } запісы
    [many] экспартавана { $count } запісаў
   *[other] экспартавана { $count } запісаў
} для мэты { $purpose }; не ўключана (няма згоды на гэтую мэту): { $withheld }
note-export-conditions = { $count ->
    [one] { $count } экспартаваны запіс мае ўмовы
    [few] { $count } экспартаваныя запісы маюць умовы
   *[other] { $count } экспартаваных запісаў маюць умовы
} згоды (consent_conditions): праверце іх перад адпраўкай
err-export-terminal = адмова выводзіць незашыфраваны экспарт у тэрмінал
hint-export-terminal = запішыце яго ў файл праз --out FILE або ўкажыце --out -, каб усё ж вывесці
err-out-is-dir = { $flag } { $path } — гэта тэчка
err-out-exists = { $path } ужо існуе
hint-out-exists = укажыце --force, каб замяніць яго, або выберыце іншае імя файла
err-out-inside-vault = { $path } знаходзіцца ўнутры тэчкі сховішча; экспарт не зашыфраваны, і захоўваць яго там нельга
hint-out-inside-vault = запішыце яго па-за сховішчам, напр. на зашыфраваны дыск ноўтбука
err-write-file = не ўдаецца запісаць { $path }: { $reason }

## Usage errors (clap's own message stays as clap words it)

hint-usage = выкарыстанне: { $usage } (гл. --help)
hint-see-help = гл. tvault --help

## info (src/cli/cmd_info.rs)

info-vault = сховішча
info-vault-id = ідэнтыфікатар сховішча
info-fingerprint = адбітак
info-created = створана
info-format = версія фармату
info-records = колькасць запісаў
info-passphrase = парольная фраза
info-passphrase-yes = ёсць, каэфіцыент складанасці scrypt { $work_factor }
info-passphrase-none = няма (адкрываецца толькі ключом)
info-recipients = ключы аднаўлення
info-recipients-none = няма (забытая парольная фраза — страчанае сховішча)
info-index = індэкс
info-index-value = { $segments } { $segments ->
    [one] сегмент
    [few] сегменты
    [many] сегментаў
   *[other] сегментаў
}, { $state }
info-index-ok = актуальны
info-index-stale = трэба перабудаваць (бракуе запісаў: { $missing }, пашкоджаных сегментаў: { $damaged }); запусціце `tvault reindex`
info-journal = журнал
info-journal-value = { $files } { $files ->
    [one] файл
    [few] файлы
    [many] файлаў
   *[other] файлаў
}, адбітак { $head }
warn-low-work-factor = слот парольнай фразы выкарыстоўвае каэфіцыент складанасці scrypt { $work_factor }, ніжэйшы за стандартны { $default }: захопленую копію прасцей узламаць падборам; запусціце `tvault passwd --work-factor { $default }`

## Markdown export (src/export/markdown.rs; the export follows --lang)

md-title = Зводкі сведчанняў без канфідэнцыйных звестак
md-purpose = **Мэта:** { $purpose } ({ $label })
md-generated = **Створана:** { $time }, tvault { $version } (правілы ачысткі { $rules })
md-records = **Запісы:** экспартавана: { $exported }; не ўключана, бо сведка не даў згоды на такое выкарыстанне: { $withheld }
md-redacted = **Ачышчана:** імёны сведак, якія не згадзіліся на называнне, імёны трэціх асоб і інтэрв'юераў, кантакты, месцазнаходжанне, месца жыхарства, нумары дакументаў, адрасы і нумарныя знакі транспарту заменены меткамі ў квадратных дужках, напрыклад [PERSON 1] або [PHONE]; у межах аднаго сведчання аднолькавая метка азначае аднаго і таго ж чалавека. Калі сведка не даў згоды на поўную ідэнтыфікацыю, даты скарочаны да месяца, месцы — да вобласці і краіны, даты нараджэння — да дзесяцігоддзя, а наймальнік і прафесія не паказваюцца.
md-officials-removed = **Службовыя асобы**, названыя ў сведчаннях, выдалены (іх пакідаюць толькі для мэты `accountability`).
md-record = Запіс
md-identification = Ідэнтыфікацыя
md-witness = Сведка
md-born = дата нараджэння: { $date }
md-employer = наймальнік: { $employer }
md-union = Прафсаюз
md-status = Статус
md-status-as-of = { $status } (станам на { $date })
md-interview = Інтэрв'ю
md-language = Мова
md-tags = Тэгі
md-conditions = Умовы згоды
md-acts = Эпізоды пераследу
md-act = Эпізод
md-by = Адказныя органы: { $value }.
md-officials = Службовыя асобы: { $value }.
md-charges = Абвінавачванні: { $value }.
md-sentence = Прысуд: { $value }.
md-in-absentia = Завочна.
md-notes = Заўвагі: { $value }
md-summary = Кароткі змест
md-testimony = Сведчанне

## Адхіленыя запісы (src/cli/error.rs; ніколі не значэнне з уваходных даных)

rec-line = радок { $line }
rec-empty-input = уваходныя даныя пустыя
rec-syntax = памылка JSON у радку { $line }, пазіцыя { $column }
rec-unexpected-end = JSON нечакана канчаецца ў радку { $line }, пазіцыя { $column }
rec-duplicate-field = поле паўтараецца ў адным аб'екце (радок { $line }, пазіцыя { $column })
rec-not-records = чакаўся аб'ект JSON (адзін запіс), масіў аб'ектаў або JSON Lines
rec-wrong-type = чакаецца: { $expected }
rec-type-string = радок
rec-type-boolean = лагічнае значэнне (true або false)
rec-type-object = аб'ект
rec-type-strings = масіў радкоў
rec-type-objects = масіў аб'ектаў
rec-unknown-field = невядомае поле "{ $field }"; дапушчальныя палі: { $allowed }
rec-missing-field = няма абавязковага поля "{ $field }"
rec-vocabulary = недапушчальнае значэнне ({ $vocabulary }); дапушчальныя: { $allowed }
rec-date = няправільная дата: { $reason }
rec-date-empty = пустая дата
rec-date-syntax = чакалася YYYY, YYYY-MM або YYYY-MM-DD, магчыма з ?, ~ або % у канцы, або інтэрвал FROM/TO
rec-date-month = месяц павінен быць ад 01 да 12
rec-date-day = такога дня ў гэтым месяцы няма
rec-date-both-open = у інтэрвала павінен быць хаця б адзін канец
rec-date-reversed = інтэрвал пачынаецца пасля свайго канца
rec-language = не моўны тэг BCP-47 (літары і лічбы ў частках ад 1 да 8 знакаў праз "-", напачатку 2–3 або 5–8 літар, напрыклад "be" або "ru-Latn")
rec-no-names = павінна быць хаця б адно імя
rec-blank-name = павінен быць непусты радок, не толькі прабелы
rec-duplicate-purpose = мэта згоды паўтараецца (упершыню ў { $first })
rec-string-too-long = радок даўжэйшы за мяжу ў { $limit } байтаў
rec-record-too-large = запіс большы за мяжу ў { $limit } байтаў
rec-cbor = пашкоджанае кадаванне CBOR запісу
rec-trailing-bytes = лішнія байты пасля запісу CBOR
rec-schema = не адпавядае схеме запісу

# recipients, rekey, destroy
help-cmd-recipients = Паказаць, дадаць або выдаліць ключы аднаўлення арганізацыі, якія могуць адкрыць сховішча
help-cmd-recipients-list = Вывесці атрымальнікаў аднаўлення (публічныя ключы), па адным у радку
help-cmd-recipients-add = Дадаць атрымальнікаў аднаўлення; перазапісваецца толькі слот ключоў атрымальнікаў, ніводны запіс
help-recipients-add-recipients = Публічныя ключы, якія трэба дадаць (age1..., ssh-ed25519/ssh-rsa ... або ключ плагіна, напрыклад age1yubikey1...)
help-recipients-add-recipients_files = Файл з публічнымі ключамі, па адным у радку (дапускаюцца каментарыі #)
help-cmd-recipients-remove = Выдаліць атрымальнікаў аднаўлення; з --rekey яшчэ і перашыфраваць усё сховішча, бо ў выдаленага ключа можа застацца старая копія слота ключоў
help-recipients-remove-recipients = Публічныя ключы, якія трэба выдаліць, так, як іх выводзіць `recipients list`
help-recipients-remove-rekey = Яшчэ і змяніць ключ сховішча, каб выдаленыя ключы не адкрывалі нічога, нават старых копій
help-cmd-rekey = Перашыфраваць усё сховішча новым ключом (новая ідэнтычнасць і ключ MAC), каб ніводны стары слот ключоў, ключ аднаўлення або скапіраваная ідэнтычнасць яго больш не адкрывалі; выводзіць новы адбітак
help-rekey-after = Парольная фраза і атрымальнікі аднаўлення застаюцца ранейшымі. Змену ключа, перапыненую на паўдарозе, завяршае (або, калі яна не дайшла да фіксацыі, адкідае) наступная каманда tvault; сховішча ніколі не бывае напалову старым, напалову новым. Старыя копіі сховішча (на іншых флэшках, у рэзервовых копіях) па-ранейшаму адкрываюцца старымі ключамі: знішчыце іх або захоўвайце гэтак жа асцярожна, як і раней.
help-cmd-destroy = Знішчыць сховішча: спачатку перазапісаць і выдаліць слоты ключоў, потым усе астатнія файлы
help-destroy-after = Без --yes каманда адмыкае сховішча і просіць увесці яго ідэнтыфікатар. З --yes яна нічога не пытае і не патрабуе ключа. На флэш-носьбітах (флэшкі, SSD, SD-карты) перазапіс не гарантаваны, а копіі сховішча ў іншых месцах па-ранейшаму адкрываюцца сваімі ключамі.
help-destroy-yes = Не пытаць; знішчыць адразу (парольная фраза або ідэнтычнасць не патрэбныя)
note-no-recipients = у гэтага сховішча няма атрымальнікаў аднаўлення; яно адкрываецца толькі парольнай фразай
err-no-recipient-given = не пададзены ніводны атрымальнік
note-recipient-present = { $recipient } ужо атрымальнік
note-recipients-added = { $count ->
    [one] дададзены { $count } атрымальнік
    [few] дададзены { $count } атрымальнікі
   *[other] дададзена { $count } атрымальнікаў
}; ніводны запіс не перазапісаны
err-not-a-recipient = атрымальнік { $number } не з'яўляецца атрымальнікам гэтага сховішча
hint-not-a-recipient = `tvault recipients list` выводзіць іх дакладна так, як яны захаваныя
note-recipients-removed = { $count ->
    [one] выдалены { $count } атрымальнік
    [few] выдалены { $count } атрымальнікі
   *[other] выдалена { $count } атрымальнікаў
} са слота ключоў
warn-removed-key-may-hold-copy = у выдаленага ключа, які калі-небудзь адкрываў гэтае сховішча, можа застацца старая копія слота ключоў, а з ёй і ўсе запісы; выканайце `tvault rekey` (або `recipients remove --rekey`), каб закрыць яму доступ назаўсёды
err-config-recipient = у наладах сховішча ёсць атрымальнік, якога гэты tvault не можа прачытаць
err-last-unlock-method = у сховішча не засталося б ні парольнай фразы, ні атрымальніка, каб яго адкрыць
hint-last-unlock-method = спачатку дадайце іншага атрымальніка або пакіньце гэтага
prompt-rekey-passphrase = Парольная фраза сховішча (змена ключа запіша яе ў новы слот ключоў):{" "}
err-rekey-needs-passphrase = для змены ключа патрэбная парольная фраза сховішча, каб запісаць новы слот парольнай фразы
hint-rekey-needs-passphrase = падайце --passphrase-file FILE разам з --identity або запусціце каманду ў тэрмінале
progress-rekey = перашыфроўванне: { $done } з { $total } файлаў
note-rekeyed = у сховішча новы ключ; усе файлы перашыфраваныя. Запішыце новы адбітак (stdout) і галаву журнала (`tvault verify`)
prompt-destroy = Гэта назаўсёды знішчыць сховішча ў { $path }. Каб працягнуць, увядзіце яго ідэнтыфікатар ({ $id }):
err-destroy-not-confirmed = уведзены ідэнтыфікатар не супадае; нічога не знішчана
err-destroy-no-answer = на стандартным уводзе няма адказу; нічога не знішчана
hint-destroy-yes = падайце --yes, каб знішчыць без пытання
note-destroyed = знішчана файлаў сховішча ў { $path }: { $files }
note-destroy-kept-dir = сам каталог захаваны: у ім ёсць файлы, якія не належаць сховішчу
warn-destroy-flash = на флэш-носьбітах (флэшкі, SSD, SD-карты) і ў файлавых сістэмах з журналам перазапісаныя блокі могуць захавацца ў прыладзе; слоты ключоў знішчаны першымі, таму захавацца можа толькі шыфратэкст без ключа
warn-destroy-copies-passphrase = копіі гэтага сховішча ў іншых месцах (іншыя флэшкі, рэзервовыя копіі, сінхранізаваныя папкі) па-ранейшаму адкрываюцца яго парольнай фразай
warn-destroy-copies-recipients = копіі гэтага сховішча ў іншых месцах (іншыя флэшкі, рэзервовыя копіі, сінхранізаваныя папкі) па-ранейшаму адкрываюцца яго парольнай фразай і { $count ->
    [one] гэтым ключом аднаўлення
   *[other] гэтымі ключамі аднаўлення ({ $count })
}:
warn-destroy-copies-unknown = копіі гэтага сховішча ў іншых месцах (іншыя флэшкі, рэзервовыя копіі, сінхранізаваныя папкі) па-ранейшаму адкрываюцца яго парольнай фразай і ўсімі ключамі аднаўлення, якія ў яго былі

# statuses of a woman (Belarusian and Russian agree them with the witness; English does not)
vocab-female-released = вызваленая
vocab-female-convicted-in-absentia = асуджаная завочна
vocab-female-missing = зніклая без вестак
vocab-female-deceased = памерлая

# the core's reasons for a damaged file (cli/reasons.rs); in English exactly the core's words
reason-not-in-journal = няма ў журнале: падкінуты або запісаны не гэтым сховішчам
reason-unexpected-entry = нечаканы элемент у сховішчы (падкінуты?)
reason-symlink = у сховішча падкінутая сімвалічная спасылка (tvault па ёй не пераходзіць)
reason-record-missing = няма запісу { $a } версіі { $b } (файл выдалены)
reason-file-missing = няма файла (выдалены)
reason-record-altered = запіс { $a } версіі { $b } зменены пасля запісу (SHA-256 не супадае з журналам)
reason-altered = зменены пасля запісу (SHA-256 не супадае з журналам)
reason-swapped = змяшчае запіс { $a } версіі { $b }, а паводле журнала тут запіс { $c } версіі { $d } (падменены або прадубляваны)
reason-record-foreign = запіс { $a } зашыфраваны не для гэтага сховішча
reason-config-foreign = зашыфраваны не ключом гэтага сховішча (падменены?)
reason-other-vault = належыць іншаму сховішчу
reason-rekey-unfinishable = змена ключа (rekey) зафіксаваная, але яе нельга завяршыць: яе новых файлаў няма ў staging/ (скапіявана або ачышчана без іх?); вазьміце копію сховішча, зробленую да змены ключа, або аднавіце ўручную (docs/FORMAT.md, «Rekey»)
reason-slot-unvouched = слота ключоў няма ў журнале цэласнасці
reason-slot-altered = слот ключоў не супадае з журналам цэласнасці (зменены?)
reason-journal-broken = журнал цэласнасці адсутнічае або няпоўны; запіс забаронены (выканайце `tvault verify`)
reason-journal-forged = запіс журнала не праходзіць праверку HMAC (падроблены або зменены)
reason-journal-entry-missing = няма запісу журнала { $a } (гісторыя выдаленая або абрэзаная)
reason-journal-dir-missing = няма каталога журнала
reason-journal-no-initial = у журнале няма пачатковага запісу
reason-journal-empty = у журнале няма ніводнага запісу (выдалены?)
reason-rollback = галава журнала — { $a }, а не чаканая { $b }: сховішча адкацілі назад або змянілі з таго часу
reason-index-damaged = сегмент індэкса пашкоджаны
reason-too-large = файл занадта вялікі
reason-not-regular = не звычайны файл
reason-rekey-damaged = не супадае з журналам цэласнасці; змяняць ключ пашкоджанага сховішча нельга (выканайце `tvault verify`)
reason-record = запіс { $a }: { $b }
reason-index-segment = сегмент індэкса: { $a }
reason-planted-file = няма ў журнале: падкінуты файл
reason-unexpected-in-journal = нечаканы элемент у journal/ (падкінуты файл, каталог або сімвалічная спасылка)

# usage errors that clap words in English (cli/mod.rs; English keeps clap's own words)
err-clap-unknown-argument = нечаканы аргумент '{ $arg }'
err-clap-unknown-command = невядомая каманда '{ $command }'
err-clap-invalid-value-of = недапушчальнае значэнне '{ $value }' для '{ $arg }' (магчымыя значэнні: { $valid })
err-clap-invalid-value = недапушчальнае значэнне '{ $value }' для '{ $arg }'
err-clap-missing = не пададзены абавязковыя аргументы: { $args }
err-clap-conflict = аргумент '{ $arg }' нельга ўжываць разам з '{ $other }'
err-clap-values = няправільная колькасць значэнняў для '{ $arg }'
man-commands = КАМАНДЫ
man-exit-status = КОДЫ ЗАВЯРШЭННЯ
man-exit-codes = 0 — поспех (у тым ліку пошук без вынікаў); 1 — аперацыя не ўдалася або знайшла праблему; 2 — памылка выкарыстання; 130 — перапынена.
## Праўка з гісторыяй, выдаленне, ачыстка, зліццё копій (issue 7: edit)

help-show-version = Паказаць версію N запісу (версіі лічацца ад 1; іх пералічвае `history`)
help-cmd-edit = Запісаць новую версію запісу з JSON (поўны запіс або частковы, які накладаецца як JSON merge patch) ці ў рэдактары на тэрмінале
help-edit-id = Ідэнтыфікатар запісу або яго адназначны пачатак з 6 і больш знакаў
help-edit-from = Уваходны JSON: поўны запіс (замяняе бягучую версію; вывад `show --json` таксама падыходзіць) або частковы (JSON merge patch: зададзеныя палі замяняюцца, null выдаляе); `-` чытае stdin [па змаўчанні: рэдактар, на тэрмінале]
help-edit-patch = Накладаць уваходныя даныя як JSON merge patch, нават калі ў іх ёсць witness.names
help-cmd-history = Пералічыць версіі запісу: калі, што (створаны, зменены, выдалены, канфлікт) і якія палі змяніліся
help-history-id = Ідэнтыфікатар запісу або яго адназначны пачатак з 6 і больш знакаў
help-cmd-delete = Выдаліць запіс: новая версія пазначае яго выдаленым (ён знікае з list, search і export; гісторыя застаецца да ачысткі)
help-delete-id = Ідэнтыфікатар запісу або яго адназначны пачатак з 6 і больш знакаў
help-cmd-purge = Назаўсёды выдаліць усе версіі і далучэнні запісу
help-purge-id = Ідэнтыфікатар запісу або яго адназначны пачатак з 6 і больш знакаў
help-purge-yes = Не пытаць пацвярджэння ў тэрмінале (у скрыптах пацвярджэнне не патрабуецца)
help-cmd-merge = Узяць у гэта сховішча тое, што ёсць у іншай яго копіі і чаго няма ў гэтай (або, з --import, запісы іншага сховішча)
help-merge-dir = Каталог другога сховішча (іншай копіі гэтага сховішча або, з --import, іншага сховішча)
help-merge-import = DIR — іншае сховішча: перашыфраваць яго бягучыя запісы ў гэтае пад новымі ідэнтыфікатарамі (выводзіць радкі СТАРЫ-ID -> НОВЫ-ID)
help-merge-from_identity = З --import: адкрыць другое сховішча гэтым файлам ідэнтычнасці [па змаўчанні: тыя ж даныя, што і для гэтага сховішча, інакш запыт]
help-merge-from_passphrase_file = З --import: адкрыць другое сховішча парольнай фразай з першага радка FILE
col-version = ВЕРСІЯ
col-time = ЧАС
col-action = ДЗЕЯННЕ
col-changed = ЗМЕНЕНА
history-created = створаны
history-edited = зменены
history-deleted = выдалены
history-conflict = канфлікт
history-conflict-note = з { $copy } (там версія { $original }), канфліктуе з версіяй { $version }
mark-conflict = канфлікт
show-deleted = Гэтая версія — выдаленне: запіс выдалены.
show-conflict = Канфлікт: гэты змест прыйшоў з { $copy } (там версія { $original }) і канфліктуе з версіяй { $version }; выпраўце запіс, каб развязаць канфлікт.
rec-other-record = называе іншы запіс, а не той, які выпраўляецца
what-editor = файл рэдактара
err-record-deleted = запіс { $id } выдалены
hint-record-deleted = `tvault history { $id }` пералічвае яго версіі; `tvault show { $id } --version N` паказвае адну з іх
err-version-not-found = у запісу { $id } няма версіі { $version }
err-edit-invalid = { $input }: памылковая праўка: { $reason }
hint-edit-invalid = нічога не запісана; выпраўце ўваходныя даныя і паўтарыце тую ж каманду
err-edit-no-input = няма ўваходных даных: перадайце --from FILE або --from -, каб чытаць stdin
hint-edit-no-input = без --from каманда edit адкрывае рэдактар, але толькі на тэрмінале
err-no-memory-dir = няма месца ў памяці (/dev/shm або $XDG_RUNTIME_DIR на tmpfs) для файла рэдактара; запіс не будзе запісаны на дыск у адкрытым выглядзе
hint-no-memory-dir = карыстайцеся замест гэтага `tvault show --json ID` і `tvault edit ID --from -` праз канвеер
err-editor-file = не ўдаецца выкарыстаць файл рэдактара ў { $path }: { $reason }
err-editor-failed = рэдактар завяршыўся з памылкай ({ $reason }); нічога не запісана
err-edit-changed = пакуль вы рэдагавалі, запіс { $id } змяніла іншая каманда; нічога не запісана
note-edit-unchanged = запіс { $id }: нічога не змянілася, нічога не запісана
note-edited = запіс { $id }: запісана версія { $version }
note-deleted = запіс { $id } выдалены (версія { $version } пазначае выдаленне)
hint-deleted = яго версіі засталіся ў сховішчы: `tvault history { $id }` іх пералічвае; `tvault purge { $id }` выдаляе іх назаўсёды
confirm-purge = Назаўсёды выдаліць усе версіі і далучэнні запісу { $id }?
note-purge-cancelled = нічога не ачышчана
note-purged = запіс { $id } ачышчаны: колькасць выдаленых версій — { $versions }, далучэнняў — { $attachments }; іх байты спачатку перазапісаны
note-purge-remnants = што можа застацца: на флэш-носьбітах (USB-флэшкі, SSD) перазапіс не абавязкова дасягае кожнай копіі байтаў, а іншыя копіі гэтага сховішча і рэзервовыя копіі па-ранейшаму захоўваюць запіс; журнал захоўвае толькі ідэнтыфікатар запісу і хэшы файлаў. Каб любыя рэшткі нельга было прачытаць, адразу запусціце `tvault rekey` (запісы перашыфруюцца новым ключом), а потым ачысціце і іншыя копіі.
err-different-vault = { $path } — іншае сховішча або копія гэтага, зробленая да змены ключа
hint-different-vault = каб узяць яго запісы ў гэта сховішча пад новымі ідэнтыфікатарамі, выкарыстайце `tvault merge --import`
err-same-vault = { $path } — копія гэтага ж сховішча
hint-same-vault = выкарыстайце `tvault merge` без --import
err-merge-source-damaged = { $path } не праходзіць праверку ({ $count } { $count ->
    [one] праблема
    [few] праблемы
    [many] праблем
   *[other] праблем
}); нічога не зліта
hint-merge-source-damaged = запусціце `tvault verify --vault { $path }`, каб убачыць справаздачу; зліваць можна толькі копію, якая праходзіць праверку
note-merge-up-to-date = у гэтым сховішчы ўжо ёсць кожны запіс і кожная версія з { $path }
note-merged = зліта з { $path }: { $records } { $records ->
    [one] новы або зменены запіс
    [few] новыя або змененыя запісы
    [many] новых або змененых запісаў
   *[other] новых або змененых запісаў
} (запісаў журнала: { $entries }, узята файлаў: { $files })
note-merge-conflict = канфлікт: запіс { $id } змяніўся ў абедзвюх копіях; версія { $new } захоўвае змест другой копіі і канфліктуе з версіяй { $version }
hint-merge-conflicts = параўнайце праз `tvault history ID` і `tvault show ID --version N`, потым развяжыце канфлікт праз `tvault edit ID` (праўка без зменаў развязвае яго як ёсць)
note-imported = імпартавана з { $path } пад новымі ідэнтыфікатарамі: { $count } { $count ->
    [one] запіс
    [few] запісы
    [many] запісаў
   *[other] запісаў
}
note-import-already-here = не імпартавана паўторна, бо ўжо ёсць тут без змен (гэтая копія сховішча зробленая да змены ключа): { $count } { $count ->
    [one] запіс
    [few] запісы
    [many] запісаў
   *[other] запісаў
}
note-no-records = у сховішчы пакуль няма запісаў (`tvault add` дадае)
# далучаныя файлы і ланцужок захоўвання (issue 6)
help-add-shred_original = Пасля таго як далучаныя файлы запісаны і правераны, перазапісаць і выдаліць арыгіналы (флэш-носьбіты і файлавыя сістэмы з журналам усё роўна могуць захоўваць копіі)
help-cmd-attach = Далучыць файлы да запісу (новая версія запісу); выводзіць нумары новых далучаных файлаў, па адным у радку
help-attach-id = Ідэнтыфікатар запісу або яго адназначны пачатак з 6 і больш знакаў
help-attach-paths = Файлы, якія трэба далучыць
help-attach-shred_original = Пасля таго як файлы запісаны і правераны, перазапісаць і выдаліць арыгіналы (флэш-носьбіты і файлавыя сістэмы з журналам усё роўна могуць захоўваць копіі)
help-cmd-extract = Аднавіць арыгінал далучанага файла дакладна, правяраючы яго SHA-256 па дарозе
help-extract-id = Ідэнтыфікатар запісу або яго адназначны пачатак з 6 і больш знакаў
help-extract-attachment = Далучаны файл: яго нумар, пачынаючы з 1 (як іх паказвае `show`), або яго імя
help-extract-out = Запісаць арыгінал у FILE (`-` — стандартны вывад, але ніколі не тэрмінал); ніколі не ўнутры сховішча
help-extract-force = Замяніць FILE, калі ён ужо існуе
help-cmd-custody = Паказаць ланцужок захоўвання далучаных файлаў запісу (прыём, выманне, экспарт) табліцай або, з --json, у фармаце JSON Lines
help-custody-id = Ідэнтыфікатар запісу або яго адназначны пачатак з 6 і больш знакаў
note-attached = да запісу { $id } { $count ->
    [one] далучаны { $count } файл
    [few] далучаны { $count } файлы
    [many] далучана { $count } файлаў
   *[other] далучана { $count } файла
}
err-attach-not-file = далучаны файл { $position }: гэта не звычайны файл
err-attach-unreadable = далучаны файл { $position }: не ўдаецца яго прачытаць: { $reason }
err-attach-twice = далучаны файл { $position }: адзін і той жа файл указаны двойчы
err-attach-one-record = для --attach ва ўваходных даных павінен быць роўна адзін запіс, а не { $count }
progress-attaching = далучэнне { $index }/{ $count }
progress-extracting = выманне далучанага файла { $index }
err-shred-not-stored = у запісе { $id } няма далучанага файла { $index }; арыгіналы пакінуты на месцы
err-shred-verify = далучаны файл { $index } запісу { $id } не чытаецца назад ({ $reason }); арыгіналы пакінуты на месцы
err-shred-failed = далучаны файл { $position } захаваны, але яго арыгінал не ўдалося знішчыць: { $reason }
warn-shred-copies = арыгіналы перазапісаны і выдалены, але флэш-носьбіты (USB-флэшкі, SSD) і файлавыя сістэмы з журналам або капіяваннем пры запісе ўсё роўна могуць захоўваць іх копіі; ад гэтага абараняе толькі шыфраванне ўсяго дыска
err-extract-terminal = extract ніколі не выводзіць арыгінал у тэрмінал
hint-extract-terminal = укажыце --out FILE або перанакіруйце стандартны вывад у файл ці праграму
err-extract-failed = далучаны файл { $index } запісу { $id }: { $reason }; выходны файл не запісаны
hint-extract-failed = выканайце `tvault verify --deep`, каб праверыць усе далучаныя файлы
note-extracted = далучаны файл { $index } запісу { $id } выняты (SHA-256 { $sha256 }, правераны)
err-no-such-attachment = у запісе { $id } няма такога далучанага файла (усяго іх { $count })
hint-no-such-attachment = укажыце нумар далучанага файла, як яго паказвае `tvault show`
err-attachment-name-ambiguous = гэта імя маюць { $count } далучаныя файлы запісу { $id }
col-event = ПАДЗЕЯ
col-attachment = №
col-sha256 = SHA-256
col-unlock = СПОСАБ АДКРЫЦЦЯ
col-name = ІМЯ ФАЙЛА
note-custody = { $count ->
    [one] { $count } падзея
    [few] { $count } падзеі
    [many] { $count } падзей
   *[other] { $count } падзеі
} ланцужка захоўвання для запісу { $id }
show-attachments = Далучаныя файлы:
show-attachment-size = { $bytes } байт
help-bench-attachment_mib = Памер у МіБ сінтэтычнага файла для вымярэння далучаных файлаў (attach і extract у параўнанні з шыфраваннем і расшыфроўкай таго ж файла праграмай `rage`); 0 — прапусціць
help-bench-rage = Праграма `rage` для параўнання далучаных файлаў [па змаўчанні: `rage` з PATH]

# demo narration
demo-intro = Дэманстрацыя tvault: часовае сховішча выдуманых сведчанняў у { $path } (парольныя фразы і ключ аднаўлення толькі для гэтай дэманстрацыі ляжаць у той жа тэчцы).
demo-step-init = 1. Стварыць сховішча з парольнай фразай (scrypt, каэфіцыент складанасці 18) і ключом аднаўлення арганізацыі.
demo-step-add = 2. Дадаць дваццаць сведчанняў з JSON на стандартным уводзе; скрыпты адмыкаюць сховішча файлам ідэнтычнасці.
demo-step-list = 3. Паказаць іх (табліца для людзей, --json для скрыптоў).
demo-step-show = 4. Паказаць адзін запіс па пачатку ідэнтыфікатара, тэкстам і як JSON.
demo-step-search = 5. Пошук па зашыфраваным індэксе ў памяці: любы алфавіт, любое напісанне, любы склон; палі, даты, фразы і адмаўленне.
demo-step-export = 6. Экспарт ачышчаных зводак для МАП, як дазваляе згода кожнага сведкі на гэтую мэту: імёны, кантакты, месцазнаходжанне, трэція асобы і ідэнтыфікатары выдаляюцца ў любым алфавіце і склоне; запісы без згоды не экспартуюцца, а толькі падлічваюцца.
demo-step-verify = 7. Праверыць кожны байт па журнале цэласнасці. Запішыце галаву журнала ў іншым месцы: `verify --expect` пазней выявіць адкат. Падкінуты файл выяўляецца.
demo-step-bad-input = 8. Няправільны ўвод адхіляецца з указаннем шляху да поля, і нічога не дадаецца.
demo-step-passwd = 9. Змяніць парольную фразу: перазапісваецца адзін невялікі слот ключоў, ніводзін запіс не кранаецца.
demo-step-edit = 10. Факты мяняюцца: праўка запісвае новую версію (тут — JSON merge patch) і захоўвае старую; копію на флэшцы калегі мяняюць там і аб'ядноўваюць назад.
demo-step-border = 11. Што бачыць памежнік: выпадковыя назвы файлаў і памеры, дапоўненыя да стандартных велічынь.
demo-step-age = 12. Ніякай прывязкі: звычайная праграма `age` адкрывае сховішча ключом аднаўлення (docs/FORMAT.md).
demo-step-attach = 13. Далучыць (выдуманы) аўдыязапіс: ён паступае ў сховішча зашыфраваным патокам, SHA-256 бярэцца на ўваходзе; назва файла захоўваецца толькі ў зашыфраваным запісе. Зноў выняць яго (хэш правяраецца на выхадзе) і вывесці ланцуг захоўвання.
demo-step-rekey = 14. Новы ключ аднаўлення арганізацыі; стары сыходзіць. `--rekey` дае сховішчу новы ключ і перашыфроўвае кожны файл, так што стары ключ не адкрывае нічога, нават старую копію слота ключоў.
demo-step-destroy = 15. Аварыйнае знішчэнне (тут — копіі): спачатку слоты ключоў, потым кожны файл; з --yes ключ не патрэбны, і tvault прама кажа, што могуць захаваць флэш-носьбіты.
demo-kept = Дэманстрацыйнае сховішча захавана ў { $path }.
demo-done = Гатова; дэманстрацыйнае сховішча выдалена.
