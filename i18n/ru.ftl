# tvault interface messages: Russian. The ids and variables are those of en.ftl, which says where
# each group is used.
# Vocabulary codes, JSON field names and exit codes are never translated.
# Terms: vault = хранилище, record = запись, testimony = свидетельство, passphrase = парольная
# фраза, identity = ключ (файл ключа), recipient = ключ восстановления, act = эпизод
# преследования, redaction = очистка (удаление конфиденциальных сведений), directory = папка.

## Help (--help)

help-heading-options = Параметры
help-heading-arguments = Аргументы
help-heading-commands = Команды
help-heading-usage = Использование:
help-flag-help = Показать справку
help-flag-version = Показать версию
help-about = Зашифрованное переносное хранилище свидетельств преследуемых профсоюзных активистов
help-arg-vault = Папка хранилища [по умолчанию: текущая папка, если это хранилище]
help-arg-identity = Открыть с помощью файла ключа age (строки AGE-SECRET-KEY-1...) или незашифрованного закрытого ключа SSH, которому открыт доступ к хранилищу
help-arg-passphrase_file = Открыть парольной фразой из первой строки FILE
help-arg-json = Вывод для программ: JSON Lines или один объект JSON для `show`
help-arg-lang = Язык интерфейса: en, be или ru [по умолчанию: TVAULT_LANG, иначе язык системы, иначе en]
help-cmd-init = Создать новое хранилище в пустой или новой папке; выводит его публичный отпечаток
help-init-recipients = Публичный ключ восстановления (age1..., ssh-ed25519/ssh-rsa ... или ключ плагина, например age1yubikey1...): его владелец тоже сможет открыть хранилище; можно повторять
help-init-recipients_files = Файл с публичными ключами восстановления, по одному на строку (можно комментарии #)
help-init-work_factor = Коэффициент сложности scrypt для парольной фразы (log2 N): 18 — около секунды; меньшие значения только для тестов
help-cmd-add = Добавить свидетельства из файла JSON или stdin либо пошагово в терминале; выводит идентификаторы новых записей
help-add-from = Входные данные JSON: одна запись, массив записей или JSON Lines; `-` — читать stdin
help-add-attach = Прикрепить файл к новой записи (можно повторять; во входных данных должна быть ровно одна запись): файл поступает в хранилище сразу зашифрованным, а его SHA-256 вычисляется по пути
help-cmd-list = Список всех текущих записей
help-cmd-show = Показать одну запись (подходит и однозначное начало идентификатора из 6 и более знаков)
help-show-id = Идентификатор записи или его однозначное начало из 6 и более знаков
help-cmd-search = Поиск по метаданным записей (расшифровываются только в памяти); выводит найденные записи, сначала с самыми свежими эпизодами
help-search-query = Запрос (см. ниже); без запроса выводятся все записи
help-search-narrative = Искать и в тексте свидетельства (медленнее: расшифровывается каждая запись)
help-search-limit = Вывести не больше N записей
help-search-after = QUERY: находятся записи, где есть все слова; -слово исключает слово; "несколько слов" в кавычках ищутся как фраза; field:value ищет только в одном поле (name, status, act, place, union, employer, perpetrator, charge, tag, purpose, risk); date:FROM..TO находит эпизоды, даты которых пересекаются с промежутком (FROM или TO можно опустить; YYYY, YYYY-MM или YYYY-MM-DD). Поиск не учитывает регистр и диакритику, сопоставляет кириллическое и латинское написание имени и учитывает славянские окончания.

    Примеры:
      tvault search Лукашэвіч
      tvault search union:BITU status:convicted_in_absentia date:2022..
      tvault search perpetrator:GUBOPiK act:interrogation place:Salihorsk
help-cmd-export = Экспортировать сводки найденных записей (без запроса — всех) для одной цели, без конфиденциальных сведений и в пределах согласия свидетелей
help-export-query = Запрос, как для `search`; без запроса экспортируются все записи
help-export-purpose = Для чего экспорт; что в него попадёт, решает согласие каждой записи на эту цель
help-export-format = Формат вывода
help-export-out = Записать экспорт в FILE (`-`: стандартный вывод, даже терминал) [по умолчанию: стандартный вывод, если это не терминал]
help-export-report = Также записать в FILE отчёт об очистке (JSON: количество по видам и записям, не включённые записи с причинами, обобщения; никогда не удалённые значения)
help-export-force = Заменить FILE для --out и --report, если он уже существует
help-export-include_narrative = Включить и сам текст свидетельства (очищенный, как и все остальные тексты)
help-export-keep_unlisted_names = Не удалять слова, похожие на имена, если их никто не внёс в запись
help-export-narrative = Искать по запросу и в тексте свидетельства (медленнее: расшифровывается каждая запись)
help-export-after = Для каждой найденной записи всё решает её согласие на цель --purpose: none, no_use или aggregate_only — запись не экспортируется (только подсчитывается, никогда не перечисляется); anonymous — без имени (`Witness 1`, ...); pseudonym — псевдоним из записи или постоянный псевдоним, выведенный из секрета хранилища; named_limited — остаётся основное имя; named_full — также полные даты и места. При любом уровне из всех полей и из свободного текста удаляются контакты, местонахождение, место жительства, третьи лица, интервьюеры, конфиденциальные слова, номера телефонов, адреса электронной почты, ники, номера документов, адреса и номерные знаки, а должностные лица — если цель не accountability. Готовый результат проверяется ещё раз; если что-то осталось, ничего не записывается и называется запись. Все правила — в docs/EXPORT.md.

    Экспорт не зашифрован: он никогда не выводится в терминал, если не указать --out -.

    Примеры:
      tvault export --purpose ilo_cfa --format md --out ilo.md --report ilo-report.json
      tvault export union:BITU date:2022.. --purpose ohchr --format json --out ohchr.json
help-cmd-reindex = Перестроить зашифрованный поисковый индекс по записям
help-cmd-passwd = Сменить парольную фразу, не перезаписывая записи
help-passwd-new_passphrase_file = Взять новую парольную фразу из первой строки FILE, а не вводить её дважды
help-passwd-work_factor = Коэффициент сложности scrypt для новой парольной фразы [по умолчанию: не менять]
help-cmd-verify = Проверить каждый файл по журналу целостности; код выхода 1, если что-то не так
help-verify-deep = Также расшифровать и перепроверить каждую запись, а каждое вложение расшифровать и проверить SHA-256 оригинала
help-verify-expect = Отпечаток журнала, записанный при прошлой проверке: выявляет откат всего хранилища к более раннему состоянию
help-cmd-info = Сведения о хранилище: идентификатор, форматы, число записей, ключи восстановления, надёжность парольной фразы, состояние индекса и журнала (расшифровываются только слот ключа, конфигурация, журнал и индекс)
help-cmd-completions = Вывести скрипт автодополнения для оболочки (bash, zsh, fish, powershell, elvish)
help-completions-shell = Оболочка
help-completions-after = Установка, например:
    {"  "}bash: tvault completions bash > ~/.local/share/bash-completion/completions/tvault
    {"  "}zsh:  tvault completions zsh > ~/.zfunc/_tvault   (и fpath+=~/.zfunc перед compinit)
    {"  "}fish: tvault completions fish > ~/.config/fish/completions/tvault.fish
help-cmd-man = Вывести страницу man (roff) в стандартный вывод
help-man-after = Установка, например: tvault man > ~/.local/share/man/man1/tvault.1
help-cmd-demo = Выполнить все команды на временном хранилище с вымышленными свидетельствами, затем удалить его
help-demo-keep = Не удалять демо-хранилище, а оставить его в этой (пустой или новой) папке; рядом записывается файл с его парольной фразой
help-cmd-bench = Измерить скорость add, search, list, export и verify на синтетических хранилищах (отчёт в Markdown)
help-bench-records = Размеры синтетических хранилищ в записях; можно повторять
help-bench-runs = Число запусков каждой команды (выводится медиана)

## Errors and hints of the vault core (src/cli/error.rs)

err-not-a-vault = { $path } — не хранилище tvault
hint-not-a-vault = укажите --vault DIR (или задайте TVAULT_VAULT) либо создайте хранилище командой `tvault init`
err-not-empty = папка { $path } не пуста; хранилище создаётся в пустой или новой папке
hint-not-empty = выберите новую папку, напр. --vault /media/usb/vault
err-newer-format = у { $path } версия формата { $found }, а этот tvault поддерживает только до { $supported }
hint-newer-format = чтобы открыть это хранилище, обновите tvault
err-wrong-key = неверная парольная фраза или ключ
err-no-passphrase-slot = у этого хранилища нет парольной фразы; оно открывается только ключом
hint-pass-identity = укажите --identity FILE
err-no-recipients-slot = у этого хранилища нет ключей восстановления; оно открывается только парольной фразой
hint-pass-passphrase = укажите --passphrase-file FILE или введите парольную фразу
err-excessive-work = { $path }: коэффициент сложности scrypt { $found } больше допустимого максимума { $max }
hint-excessive-work = возможно, слот ключа подменён; запустите `tvault verify` на надёжной копии
err-locked = хранилище занято другой командой tvault ({ $path })
hint-locked = дождитесь завершения другой команды и попробуйте снова
err-symlink = { $path } — символическая ссылка; tvault никогда не переходит по ссылкам внутри хранилища
err-invalid-record = ошибочная запись: { $reason }
err-record-not-found = нет записи с идентификатором { $id }
hint-record-not-found = `tvault list` показывает идентификаторы всех записей
err-ambiguous-id = начало идентификатора { $prefix } совпадает с { $count } { $count ->
    [one] записью
   *[other] записями
}
hint-ambiguous-id = введите больше знаков идентификатора
err-identity-file = файл ключа: { $reason }

## Finding and unlocking the vault (src/cli/unlock.rs)

err-cwd = не удаётся прочитать текущую папку: { $reason }
err-no-vault-given = хранилище не указано, а текущая папка — не хранилище
hint-no-vault-given = укажите --vault DIR или задайте TVAULT_VAULT
prompt-passphrase = Парольная фраза для { $vault }:{" "}
what-identity-file = файл ключа
what-passphrase-file = файл парольной фразы
err-identity-file-path = файл ключа { $path }: { $reason }
err-passphrase-file-utf8 = файл парольной фразы { $path } — не текст UTF-8
err-passphrase-file-empty = в файле парольной фразы { $path } пустая первая строка
err-cannot-read = не удаётся прочитать { $what } { $path }: { $reason }
err-too-large = { $what } { $path } слишком велик
err-no-terminal-passphrase = нет терминала, чтобы запросить парольную фразу
hint-no-terminal = укажите --passphrase-file FILE или --identity FILE (либо задайте TVAULT_PASSPHRASE_FILE / TVAULT_IDENTITY)
err-terminal-read = не удаётся прочитать из терминала: { $reason }
err-no-terminal-confirm = нет терминала, чтобы запросить подтверждение
confirm-default-yes = Д/н
confirm-default-no = д/Н
warn-short-passphrase-file = парольная фраза в { $path } короче { $min } { $min ->
    [one] символа
   *[other] символов
}; тот, кто захватит хранилище, сможет подбирать её без ограничений
err-no-terminal-new-passphrase = нет терминала, чтобы запросить новую парольную фразу
prompt-new-passphrase = Новая парольная фраза (оставьте пустой, чтобы создать надёжную):{" "}
note-generated-passphrase = Созданная парольная фраза (запишите её сейчас; она показывается только один раз):
confirm-short-passphrase = В этой парольной фразе всего { $len } { $len ->
    [one] символ
    [few] символа
   *[other] символов
}; если хранилище захватят, её можно будет подбирать без ограничений. Всё равно использовать её?
err-passphrase-too-short = парольная фраза отклонена: слишком короткая
hint-passphrase-too-short = оставьте парольную фразу пустой, и будет создана надёжная
prompt-repeat-passphrase = Повторите парольную фразу:{" "}
err-passphrases-differ = парольные фразы не совпадают

## The guided `add` (src/cli/guided.rs)

guided-input-ended = ввод закончился; ничего не добавлено
guided-list-suffix = (через ;)
guided-date-suffix = (YYYY, YYYY-MM или YYYY-MM-DD; ? или ~, если дата неточная)
guided-not-a-date = это не дата в таком формате; попробуйте ещё раз или оставьте пустым
guided-choice = Номер (1-{ $count }) или код; пусто — пропустить
guided-choose = выберите номер или один из кодов списка либо оставьте пустым
guided-multiline = (несколько строк; строка из одной точки «.» завершает ввод):
guided-place-country = { $what }: код страны (напр. BY)
guided-place-region = { $what }: область
guided-place-locality = { $what }: город или деревня
guided-intro = Новое свидетельство. Чтобы пропустить поле, оставьте его пустым. Всё остаётся в памяти, пока не будет сохранено в зашифрованном виде.
guided-names = Имена свидетеля во всех используемых написаниях
guided-names-needed = нужно хотя бы одно имя (без согласия оно никогда не экспортируется)
guided-title = Рабочее название
guided-language = Язык свидетельства (be, ru, en, ...)
guided-pseudonym = Псевдоним для экспорта (напр. Рабочий Б-17)
guided-sex = Пол
guided-birth-date = Дата рождения
guided-occupation = Профессия
guided-employer = Работодатель
guided-union = Профсоюз
guided-union-role = Роль в профсоюзе
guided-status = Текущий статус
guided-status-as-of = Дата статуса
guided-whereabouts = Местонахождение (напр. колония)
guided-residence = Место жительства
guided-contact = Контакт (телефон, мессенджер)
guided-interview = Записать сведения об интервью?
guided-interview-date = Дата интервью
guided-interview-mode = Способ интервью (in_person, video_call, ...)
guided-interviewer = Кто брал интервью (инициалы)
guided-interview-place = Место интервью
guided-add-act = Добавить эпизод преследования?
guided-add-another-act = Добавить ещё один эпизод?
guided-act-type = Вид преследования
guided-act-date = Дата эпизода
guided-act-place = Место эпизода
guided-perpetrators = Ответственные государственные органы, напр. КГБ
guided-officials = Фамилии должностных лиц
guided-charges = Обвинения, напр. ст. 361-1 УК
guided-sentence = Приговор
guided-in-absentia = Заочно?
guided-notes = Примечания
guided-add-person = Добавить третье лицо, упомянутое в свидетельстве?
guided-add-another-person = Добавить ещё одно лицо?
guided-person-name = Имя
guided-person-relation = Связь со свидетелем (сообвиняемый, родственник, ...)
guided-add-consent = Записать согласие на определённую цель?
guided-add-another-consent = Согласие на ещё одну цель?
guided-purpose = Цель
guided-consent-dup = согласие на эту цель уже записано
guided-level = Уровень
guided-conditions = Условия
guided-risk = Риск для свидетеля
guided-tags = Теги
guided-sensitive = Слова, которые никогда не должны попасть в экспорт
guided-summary = Краткое содержание
guided-narrative = Свидетельство
guided-save = Сохранить это свидетельство в хранилище в зашифрованном виде?

## Labels of the vocabulary codes (tables, prompts, Markdown exports); the codes never change

vocab-male = мужской
vocab-female = женский
vocab-other = другое
vocab-unknown = неизвестно
vocab-at-liberty = на свободе
vocab-administrative-arrest = административный арест
vocab-detained-pretrial = под стражей до суда
vocab-on-trial = под судом
vocab-serving-sentence = отбывает наказание
vocab-restricted-freedom = ограничение свободы
vocab-released = освобождён
vocab-in-exile = в эмиграции
vocab-convicted-in-absentia = осуждён заочно
vocab-wanted = в розыске
vocab-missing = пропал без вести
vocab-deceased = умер
vocab-arrest = арест
vocab-detention = задержание
vocab-search = обыск
vocab-seizure = изъятие вещей
vocab-interrogation = допрос
vocab-ill-treatment = жестокое обращение
vocab-torture = пытки
vocab-threats = угрозы
vocab-pressure-on-relatives = давление на родственников
vocab-dismissal = увольнение с работы
vocab-denied-workplace-access = недопуск на рабочее место
vocab-criminal-case = уголовное дело
vocab-conviction = осуждение
vocab-trial-in-absentia = заочный суд
vocab-extremist-designation = признан «экстремистским»
vocab-extremist-list = внесён в «экстремистский» список
vocab-union-liquidation = ликвидация профсоюза
vocab-asset-confiscation = конфискация средств
vocab-property-confiscation = конфискация имущества
vocab-citizenship-deprivation = лишение гражданства
vocab-travel-ban = запрет на выезд
vocab-forced-exile = вынужденная эмиграция
vocab-forced-confession-video = вынужденное «покаянное» видео
vocab-denial-of-medical-care = отказ в медицинской помощи
vocab-incommunicado = режим инкоммуникадо
vocab-internal = внутреннее использование
vocab-partner = партнёрские организации
vocab-ilo-cfa = Комитет МОТ по свободе объединения
vocab-un-special-procedures = специальные процедуры ООН
vocab-ohchr = Управление Верховного комиссара ООН по правам человека
vocab-public-report = публичный доклад
vocab-media = СМИ
vocab-accountability = привлечение к ответственности
vocab-no-use = не использовать
vocab-aggregate-only = только общие цифры
vocab-anonymous = анонимно
vocab-pseudonym = под псевдонимом
vocab-named-limited = с именем (ограниченно)
vocab-named-full = с именем (полностью)
vocab-low = низкий
vocab-medium = средний
vocab-high = высокий
vocab-critical = критический

## Tables and `show` (src/cli/render.rs)

col-id = ID
col-updated = ИЗМЕНЕНА
col-status = СТАТУС
col-witness = СВИДЕТЕЛЬ
col-title = НАЗВАНИЕ
col-latest-act = ПОСЛЕДНИЙ ЭПИЗОД
show-record = Запись { $id } (версия { $version })
show-created = Создана { $created }, изменена { $updated }
show-title = Название
show-language = Язык
show-witness = Свидетель
show-names = Имена
show-pseudonym = Псевдоним
show-sex = Пол
show-born = Дата рождения
show-occupation = Профессия
show-employer = Работодатель
show-unions = Профсоюзы
show-status-as-of = { $status } (по состоянию на { $date })
show-status = Статус
show-whereabouts = Местонахождение
show-residence = Место жительства
show-contact = Контакт
show-interview = Интервью
show-date = Дата
show-mode = Способ
show-interviewer = Кто брал интервью
show-place = Место
show-acts = Эпизоды преследования
show-in-absentia = заочно
show-perpetrators = Ответственные органы
show-officials = Должностные лица
show-charges = Обвинения
show-sentence = Приговор
show-notes = Примечания
show-people = Третьи лица
show-consent = Согласие
show-risk = Риск
show-tags = Теги
show-sensitive-terms = Конфиденциальные слова
show-summary = Краткое содержание
show-narrative = Текст свидетельства
warn-skipped = пропущен { $path }: { $reason }
err-unreadable-files = не удалось прочитать { $count } { $count ->
    [one] файл
    [few] файла
    [many] файлов
   *[other] файла
} в хранилище
hint-unreadable-files = хранилище, возможно, повреждено или подделано: запустите `tvault verify` для полного отчёта и ничего не меняйте в этой копии
err-write-output = не удаётся записать вывод: { $reason }

## Commands

err-input-invalid = { $input }: ошибочная запись: { $reason }
hint-input-invalid = ничего не добавлено; исправьте запись и запустите ту же команду снова
err-input-empty = { $input }: во входных данных нет записей
err-no-input = нет входных данных: укажите --from FILE или --from -, чтобы читать stdin
hint-no-input = без --from команда add в терминале спрашивает поле за полем
note-nothing-added = ничего не добавлено
note-added = { $count ->
    [one] добавлена { $count } запись
    [few] добавлены { $count } записи
    [many] добавлено { $count } записей
   *[other] добавлено { $count } записи
}
err-read-stdin = не удаётся прочитать stdin: { $reason }
err-read-input = не удаётся прочитать { $input }: { $reason }
err-input-too-large = { $input }: входные данные больше { $max } МиБ (каждая запись — не больше { $record_max } МиБ)
err-bad-recipient = --recipient номер { $number } — не публичный ключ age1... или ssh-
err-read-recipients-file = не удаётся прочитать файл ключей восстановления { $path }: { $reason }
err-bad-recipient-line = файл ключей восстановления { $path }, строка { $line }: не публичный ключ age1... или ssh-
err-init-identity-not-age = файл ключа { $path }: с init можно использовать только ключи age (AGE-SECRET-KEY-1...)
hint-init-identity-not-age = вместо этого укажите публичный ключ через --recipient
note-no-passphrase-set = примечание: парольная фраза не задана; хранилище открывается только ключом (добавить фразу: `tvault passwd`)
note-created-vault = создано хранилище { $path }
err-id-characters = идентификатор записи состоит только из знаков 0-9 и a-z (без i, l, o, u)
err-id-too-short = начало идентификатора должно содержать не меньше { $min } { $min ->
    [one] знака
   *[other] знаков
}
note-passphrase-changed = парольная фраза изменена (коэффициент сложности scrypt { $work_factor }); ни одна запись не перезаписана
note-index-rebuilt = индекс перестроен: { $count } { $count ->
    [one] запись
    [few] записи
    [many] записей
   *[other] записи
}
verify-problem = ПРОБЛЕМА { $path }: { $reason }
verify-head = отпечаток журнала: { $head }
verify-counts = записей: { $records }, проверено файлов: { $files }{ $deep ->
    [yes] {" "}(записи расшифрованы)
   *[no] {""}
}, записей в журнале: { $entries }
verify-pending = { $count ->
    [one] { $count } файл прерванной операции уже зафиксирован и будет перенесён на место следующей командой, изменяющей хранилище
    [few] { $count } файла прерванной операции уже зафиксированы и будут перенесены на место следующей командой, изменяющей хранилище
   *[other] { $count } файлов прерванной операции уже зафиксированы и будут перенесены на место следующей командой, изменяющей хранилище
}
verify-ok = ok: каждый файл соответствует журналу целостности
verify-problems-found = { $count ->
    [one] найдена { $count } проблема
    [few] найдены { $count } проблемы
    [many] найдено { $count } проблем
   *[other] найдено { $count } проблемы
}
err-verify-found = проверка (verify) обнаружила { $count } { $count ->
    [one] проблему
    [few] проблемы
    [many] проблем
   *[other] проблемы
}
hint-verify-found = сохраните эту копию без изменений как доказательство и сравните её с надёжной копией
note-index-saved = поисковый индекс отсутствовал, был повреждён или неполон ({ $count ->
    [one] заново проиндексирована { $count } запись
    [few] заново проиндексированы { $count } записи
    [many] заново проиндексировано { $count } записей
   *[other] заново проиндексировано { $count } записи
}); сохранён
warn-index-not-saved = поисковый индекс нужно перестроить, но сохранить его не удалось: { $reason }

## Export (src/cli/cmd_export.rs)

err-report-stdout = для --report нужно имя файла, а не -
err-out-report-same = --out и --report указывают на один и тот же файл
err-export-leak = запись { $id }: после очистки в экспорте осталось что-то типа { $kinds }; ничего не записано
hint-export-leak = исправьте запись (внесите имя в `people` или `sensitive_terms`) или не включайте её и экспортируйте снова; пожалуйста, сообщите об этом случае
note-exported = { $count ->
    [one] экспортирована { $count } запись
    [few] экспортированы { $count } записи
    [many] экспортировано { $count } записей
   *[other] экспортировано { $count } записи
} для цели { $purpose }; не включено (нет согласия на эту цель): { $withheld }
note-export-conditions = { $count ->
    [one] { $count } экспортированная запись содержит
    [few] { $count } экспортированные записи содержат
   *[other] { $count } экспортированных записей содержат
} условия согласия (consent_conditions): проверьте их перед отправкой
err-export-terminal = отказ выводить незашифрованный экспорт в терминал
hint-export-terminal = запишите его в файл через --out FILE или укажите --out -, чтобы всё же вывести
err-out-is-dir = { $flag } { $path } — это папка
err-out-exists = { $path } уже существует
hint-out-exists = укажите --force, чтобы заменить его, или выберите другое имя файла
err-out-inside-vault = { $path } находится внутри папки хранилища; экспорт не зашифрован, и хранить его там нельзя
hint-out-inside-vault = запишите его вне хранилища, напр. на зашифрованный диск ноутбука
err-write-file = не удаётся записать { $path }: { $reason }

## Usage errors (clap's own message stays as clap words it)

hint-usage = использование: { $usage } (см. --help)
hint-see-help = см. tvault --help

## info (src/cli/cmd_info.rs)

info-vault = хранилище
info-vault-id = идентификатор хранилища
info-fingerprint = отпечаток
info-created = создано
info-format = версия формата
info-records = число записей
info-passphrase = парольная фраза
info-passphrase-yes = есть, коэффициент сложности scrypt { $work_factor }
info-passphrase-none = нет (открывается только ключом)
info-recipients = ключи восстановления
info-recipients-none = нет (забытая парольная фраза — потерянное хранилище)
info-index = индекс
info-index-value = { $segments } { $segments ->
    [one] сегмент
    [few] сегмента
    [many] сегментов
   *[other] сегмента
}, { $state }
info-index-ok = актуален
info-index-stale = нужно перестроить (не хватает записей: { $missing }, повреждённых сегментов: { $damaged }); запустите `tvault reindex`
info-journal = журнал
info-journal-value = { $files } { $files ->
    [one] файл
    [few] файла
    [many] файлов
   *[other] файла
}, отпечаток { $head }
warn-low-work-factor = слот парольной фразы использует коэффициент сложности scrypt { $work_factor }, ниже стандартного { $default }: захваченную копию проще взломать подбором; запустите `tvault passwd --work-factor { $default }`

## Markdown export (src/export/markdown.rs; the export follows --lang)

md-title = Сводки свидетельств без конфиденциальных сведений
md-purpose = **Цель:** { $purpose } ({ $label })
md-generated = **Создано:** { $time }, tvault { $version } (правила очистки { $rules })
md-records = **Записи:** экспортировано: { $exported }; не включено, потому что свидетель не дал согласия на такое использование: { $withheld }
md-redacted = **Очищено:** имена свидетелей, не согласившихся на упоминание имени, имена третьих лиц и интервьюеров, контакты, местонахождение, место жительства, номера документов, адреса и номерные знаки транспорта заменены метками в квадратных скобках, например [PERSON 1] или [PHONE]; в пределах одного свидетельства одинаковая метка означает одного и того же человека. Если свидетель не дал согласия на полную идентификацию, даты сокращены до месяца, места — до области и страны, даты рождения — до десятилетия, а работодатель и профессия не указываются.
md-officials-removed = **Должностные лица**, названные в свидетельствах, удалены (их оставляют только для цели `accountability`).
md-record = Запись
md-identification = Идентификация
md-witness = Свидетель
md-born = дата рождения: { $date }
md-employer = работодатель: { $employer }
md-union = Профсоюз
md-status = Статус
md-status-as-of = { $status } (по состоянию на { $date })
md-interview = Интервью
md-language = Язык
md-tags = Теги
md-conditions = Условия согласия
md-acts = Эпизоды преследования
md-act = Эпизод
md-by = Ответственные органы: { $value }.
md-officials = Должностные лица: { $value }.
md-charges = Обвинения: { $value }.
md-sentence = Приговор: { $value }.
md-in-absentia = Заочно.
md-notes = Примечания: { $value }
md-summary = Краткое содержание
md-testimony = Свидетельство

## Отклонённые записи (src/cli/error.rs; никогда не значение из входных данных)

rec-line = строка { $line }
rec-empty-input = входные данные пусты
rec-syntax = ошибка JSON в строке { $line }, позиция { $column }
rec-unexpected-end = JSON неожиданно заканчивается в строке { $line }, позиция { $column }
rec-duplicate-field = поле повторяется в одном объекте (строка { $line }, позиция { $column })
rec-not-records = ожидался объект JSON (одна запись), массив объектов или JSON Lines
rec-wrong-type = ожидается: { $expected }
rec-type-string = строка
rec-type-boolean = логическое значение (true или false)
rec-type-object = объект
rec-type-strings = массив строк
rec-type-objects = массив объектов
rec-unknown-field = неизвестное поле "{ $field }"; допустимые поля: { $allowed }
rec-missing-field = нет обязательного поля "{ $field }"
rec-vocabulary = недопустимое значение ({ $vocabulary }); допустимые: { $allowed }
rec-date = неверная дата: { $reason }
rec-date-empty = пустая дата
rec-date-syntax = ожидалось YYYY, YYYY-MM или YYYY-MM-DD, возможно с ?, ~ или % в конце, или интервал FROM/TO
rec-date-month = месяц должен быть от 01 до 12
rec-date-day = такого дня в этом месяце нет
rec-date-both-open = у интервала должен быть хотя бы один конец
rec-date-reversed = интервал начинается после своего конца
rec-language = не языковой тег BCP-47 (буквы и цифры в частях от 1 до 8 знаков через "-", в начале 2–3 или 5–8 букв, например "be" или "ru-Latn")
rec-no-names = должно быть хотя бы одно имя
rec-blank-name = должна быть непустая строка, не только пробелы
rec-duplicate-purpose = цель согласия повторяется (впервые в { $first })
rec-string-too-long = строка длиннее предела в { $limit } байт
rec-record-too-large = запись больше предела в { $limit } байт
rec-cbor = повреждённая кодировка CBOR записи
rec-trailing-bytes = лишние байты после записи CBOR
rec-schema = не соответствует схеме записи

# recipients, rekey, destroy
help-cmd-recipients = Показать, добавить или удалить ключи восстановления организации, которые могут открыть хранилище
help-cmd-recipients-list = Вывести получателей восстановления (открытые ключи), по одному в строке
help-cmd-recipients-add = Добавить получателей восстановления; перезаписывается только слот ключей получателей, ни одна запись
help-recipients-add-recipients = Открытые ключи, которые нужно добавить (age1..., ssh-ed25519/ssh-rsa ... или ключ плагина, например age1yubikey1...)
help-recipients-add-recipients_files = Файл с открытыми ключами, по одному в строке (допускаются комментарии #)
help-cmd-recipients-remove = Удалить получателей восстановления; с --rekey ещё и перешифровать всё хранилище, поскольку у удалённого ключа может остаться старая копия слота ключей
help-recipients-remove-recipients = Открытые ключи, которые нужно удалить, в том виде, в каком их выводит `recipients list`
help-recipients-remove-rekey = Ещё и сменить ключ хранилища, чтобы удалённые ключи не открывали ничего, даже старых копий
help-cmd-rekey = Перешифровать всё хранилище новым ключом (новая идентичность и ключ MAC), чтобы ни один старый слот ключей, ключ восстановления или скопированная идентичность его больше не открывали; выводит новый отпечаток
help-rekey-after = Парольная фраза и получатели восстановления остаются прежними. Смену ключа, прерванную на полпути, завершает (или, если она не дошла до фиксации, отменяет) следующая команда tvault; хранилище никогда не бывает наполовину старым, наполовину новым. Старые копии хранилища (на других флешках, в резервных копиях) по-прежнему открываются старыми ключами: уничтожьте их или храните так же бережно, как раньше.
help-cmd-destroy = Уничтожить хранилище: сначала перезаписать и удалить слоты ключей, затем все остальные файлы
help-destroy-after = Без --yes команда открывает хранилище и просит ввести его идентификатор. С --yes она ничего не спрашивает и не требует ключа. На флеш-носителях (флешки, SSD, SD-карты) перезапись не гарантирована, а копии хранилища в других местах по-прежнему открываются своими ключами.
help-destroy-yes = Не спрашивать; уничтожить сразу (парольная фраза или идентичность не нужны)
note-no-recipients = у этого хранилища нет получателей восстановления; оно открывается только парольной фразой
err-no-recipient-given = не указан ни один получатель
note-recipient-present = { $recipient } уже получатель
note-recipients-added = { $count ->
    [one] добавлен { $count } получатель
    [few] добавлены { $count } получателя
   *[other] добавлено { $count } получателей
}; ни одна запись не перезаписана
err-not-a-recipient = получатель { $number } не является получателем этого хранилища
hint-not-a-recipient = `tvault recipients list` выводит их точно в том виде, в каком они сохранены
note-recipients-removed = { $count ->
    [one] удалён { $count } получатель
    [few] удалены { $count } получателя
   *[other] удалено { $count } получателей
} из слота ключей
warn-removed-key-may-hold-copy = у удалённого ключа, который когда-либо открывал это хранилище, может остаться старая копия слота ключей, а с ней и все записи; выполните `tvault rekey` (или `recipients remove --rekey`), чтобы закрыть ему доступ навсегда
err-config-recipient = в настройках хранилища есть получатель, которого этот tvault не может прочитать
err-last-unlock-method = у хранилища не осталось бы ни парольной фразы, ни получателя, чтобы его открыть
hint-last-unlock-method = сначала добавьте другого получателя или оставьте этого
prompt-rekey-passphrase = Парольная фраза хранилища (смена ключа запишет её в новый слот ключей):{" "}
err-rekey-needs-passphrase = для смены ключа нужна парольная фраза хранилища, чтобы записать новый слот парольной фразы
hint-rekey-needs-passphrase = укажите --passphrase-file FILE вместе с --identity или запустите команду в терминале
progress-rekey = перешифрование: { $done } из { $total } файлов
note-rekeyed = у хранилища новый ключ; все файлы перешифрованы. Запишите новый отпечаток (stdout) и голову журнала (`tvault verify`)
prompt-destroy = Это навсегда уничтожит хранилище в { $path }. Чтобы продолжить, введите его идентификатор ({ $id }):
err-destroy-not-confirmed = введённый идентификатор не совпадает; ничего не уничтожено
err-destroy-no-answer = на стандартном вводе нет ответа; ничего не уничтожено
hint-destroy-yes = укажите --yes, чтобы уничтожить без вопроса
note-destroyed = уничтожено файлов хранилища в { $path }: { $files }
note-destroy-kept-dir = сам каталог сохранён: в нём есть файлы, которые не принадлежат хранилищу
warn-destroy-flash = на флеш-носителях (флешки, SSD, SD-карты) и в журналируемых файловых системах перезаписанные блоки могут сохраниться в устройстве; слоты ключей уничтожены первыми, поэтому сохраниться может только шифротекст без ключа
warn-destroy-copies-passphrase = копии этого хранилища в других местах (другие флешки, резервные копии, синхронизируемые папки) по-прежнему открываются его парольной фразой
warn-destroy-copies-recipients = копии этого хранилища в других местах (другие флешки, резервные копии, синхронизируемые папки) по-прежнему открываются его парольной фразой и { $count ->
    [one] этим ключом восстановления
   *[other] этими ключами восстановления ({ $count })
}:
warn-destroy-copies-unknown = копии этого хранилища в других местах (другие флешки, резервные копии, синхронизируемые папки) по-прежнему открываются его парольной фразой и всеми ключами восстановления, которые у него были

# statuses of a woman (Belarusian and Russian agree them with the witness; English does not)
vocab-female-released = освобождена
vocab-female-convicted-in-absentia = осуждена заочно
vocab-female-missing = пропала без вести
vocab-female-deceased = умерла

# the core's reasons for a damaged file (cli/reasons.rs); in English exactly the core's words
reason-not-in-journal = нет в журнале: подброшен или записан не этим хранилищем
reason-unexpected-entry = неожиданный элемент в хранилище (подброшен?)
reason-symlink = в хранилище подброшена символическая ссылка (tvault по ней не переходит)
reason-record-missing = нет записи { $a } версии { $b } (файл удалён)
reason-file-missing = нет файла (удалён)
reason-record-altered = запись { $a } версии { $b } изменена после записи (SHA-256 не совпадает с журналом)
reason-altered = изменён после записи (SHA-256 не совпадает с журналом)
reason-swapped = содержит запись { $a } версии { $b }, а по журналу здесь запись { $c } версии { $d } (подменён или продублирован)
reason-record-foreign = запись { $a } зашифрована не для этого хранилища
reason-config-foreign = зашифрован не ключом этого хранилища (подменён?)
reason-other-vault = принадлежит другому хранилищу
reason-rekey-unfinishable = перешифрование (rekey) зафиксировано, но его нельзя завершить: его новых файлов нет в staging/ (скопировано или очищено без них?); возьмите копию хранилища, сделанную до перешифрования, или восстановите вручную (docs/FORMAT.md, «Rekey»)
reason-slot-unvouched = слота ключей нет в журнале целостности
reason-slot-altered = слот ключей не совпадает с журналом целостности (изменён?)
reason-journal-broken = журнал целостности отсутствует или неполон; запись запрещена (выполните `tvault verify`)
reason-journal-forged = запись журнала не проходит проверку HMAC (подделана или изменена)
reason-journal-entry-missing = нет записи журнала { $a } (история удалена или обрезана)
reason-journal-dir-missing = нет каталога журнала
reason-journal-no-initial = в журнале нет начальной записи
reason-journal-empty = в журнале нет ни одной записи (удалён?)
reason-rollback = голова журнала — { $a }, а не ожидаемая { $b }: хранилище откатили назад или изменили с тех пор
reason-index-damaged = сегмент индекса повреждён
reason-too-large = файл слишком большой
reason-not-regular = не обычный файл
reason-rekey-damaged = не совпадает с журналом целостности; менять ключ повреждённого хранилища нельзя (выполните `tvault verify`)
reason-record = запись { $a }: { $b }
reason-index-segment = сегмент индекса: { $a }
reason-planted-file = нет в журнале: подброшенный файл
reason-unexpected-in-journal = неожиданный элемент в journal/ (подброшенный файл, каталог или символическая ссылка)

# usage errors that clap words in English (cli/mod.rs; English keeps clap's own words)
err-clap-unknown-argument = неожиданный аргумент '{ $arg }'
err-clap-unknown-command = неизвестная команда '{ $command }'
err-clap-invalid-value-of = недопустимое значение '{ $value }' для '{ $arg }' (возможные значения: { $valid })
err-clap-invalid-value = недопустимое значение '{ $value }' для '{ $arg }'
err-clap-missing = не указаны обязательные аргументы: { $args }
err-clap-conflict = аргумент '{ $arg }' нельзя использовать вместе с '{ $other }'
err-clap-values = неверное количество значений для '{ $arg }'
man-commands = КОМАНДЫ
man-exit-status = КОДЫ ЗАВЕРШЕНИЯ
man-exit-codes = 0 — успех (в том числе поиск без результатов); 1 — операция не удалась или нашла проблему; 2 — ошибка использования; 130 — прервано.
## Правка с историей, удаление, очистка, слияние копий (issue 7: edit)

help-show-version = Показать версию N записи (версии считаются от 1; их перечисляет `history`)
help-cmd-edit = Записать новую версию записи из JSON (полная запись или частичная, накладываемая как JSON merge patch) или в редакторе на терминале
help-edit-id = Идентификатор записи или его однозначное начало из 6 и более знаков
help-edit-from = Входной JSON: полная запись (заменяет текущую версию; вывод `show --json` тоже подходит) или частичная (JSON merge patch: заданные поля заменяются, null удаляет); `-` читает stdin [по умолчанию: редактор, на терминале]
help-edit-patch = Накладывать входные данные как JSON merge patch, даже если в них есть witness.names
help-cmd-history = Перечислить версии записи: когда, что (создана, изменена, удалена, конфликт) и какие поля изменились
help-history-id = Идентификатор записи или его однозначное начало из 6 и более знаков
help-cmd-delete = Удалить запись: новая версия помечает её удалённой (она исчезает из list, search и export; история остаётся до очистки)
help-delete-id = Идентификатор записи или его однозначное начало из 6 и более знаков
help-cmd-purge = Навсегда удалить все версии и вложения записи
help-purge-id = Идентификатор записи или его однозначное начало из 6 и более знаков
help-purge-yes = Не спрашивать подтверждения в терминале (в скриптах подтверждение не требуется)
help-cmd-merge = Взять в это хранилище то, что есть в другой его копии и чего нет в этой (или, с --import, записи другого хранилища)
help-merge-dir = Каталог другого хранилища (другой копии этого хранилища или, с --import, другого хранилища)
help-merge-import = DIR — другое хранилище: перешифровать его текущие записи в это под новыми идентификаторами (выводит строки СТАРЫЙ-ID -> НОВЫЙ-ID)
help-merge-from_identity = С --import: открыть другое хранилище этим файлом идентичности [по умолчанию: те же данные, что и для этого хранилища, иначе запрос]
help-merge-from_passphrase_file = С --import: открыть другое хранилище парольной фразой из первой строки FILE
col-version = ВЕРСИЯ
col-time = ВРЕМЯ
col-action = ДЕЙСТВИЕ
col-changed = ИЗМЕНЕНО
history-created = создана
history-edited = изменена
history-deleted = удалена
history-conflict = конфликт
history-conflict-note = из { $copy } (там версия { $original }), конфликтует с версией { $version }
mark-conflict = конфликт
show-deleted = Эта версия — удаление: запись удалена.
show-conflict = Конфликт: это содержимое пришло из { $copy } (там версия { $original }) и конфликтует с версией { $version }; исправьте запись, чтобы разрешить конфликт.
rec-other-record = называет другую запись, а не ту, что исправляется
what-editor = файл редактора
err-record-deleted = запись { $id } удалена
hint-record-deleted = `tvault history { $id }` перечисляет её версии; `tvault show { $id } --version N` показывает одну из них
err-version-not-found = у записи { $id } нет версии { $version }
err-edit-invalid = { $input }: ошибочная правка: { $reason }
hint-edit-invalid = ничего не записано; исправьте входные данные и повторите ту же команду
err-edit-no-input = нет входных данных: передайте --from FILE или --from -, чтобы читать stdin
hint-edit-no-input = без --from команда edit открывает редактор, но только на терминале
err-no-memory-dir = нет места в памяти (/dev/shm или $XDG_RUNTIME_DIR на tmpfs) для файла редактора; запись не будет записана на диск в открытом виде
hint-no-memory-dir = используйте вместо этого `tvault show --json ID` и `tvault edit ID --from -` через конвейер
err-editor-file = не удаётся использовать файл редактора в { $path }: { $reason }
err-editor-failed = редактор завершился с ошибкой ({ $reason }); ничего не записано
err-edit-changed = пока вы редактировали, запись { $id } изменила другая команда; ничего не записано
note-edit-unchanged = запись { $id }: ничего не изменилось, ничего не записано
note-edited = запись { $id }: записана версия { $version }
note-deleted = запись { $id } удалена (версия { $version } помечает удаление)
hint-deleted = её версии остались в хранилище: `tvault history { $id }` их перечисляет; `tvault purge { $id }` удаляет их навсегда
confirm-purge = Навсегда удалить все версии и вложения записи { $id }?
note-purge-cancelled = ничего не очищено
note-purged = запись { $id } очищена: удалено версий — { $versions }, вложений — { $attachments }; их байты сначала перезаписаны
note-purge-remnants = что может остаться: на флеш-носителях (USB-флешки, SSD) перезапись не обязательно достигает каждой копии байтов, а другие копии этого хранилища и резервные копии по-прежнему хранят запись; журнал хранит только идентификатор записи и хеши файлов. Чтобы любые остатки нельзя было прочитать, сразу запустите `tvault rekey` (записи перешифруются новым ключом), а затем очистите и другие копии.
err-different-vault = { $path } — другое хранилище или копия этого, сделанная до смены ключа
hint-different-vault = чтобы взять его записи в это хранилище под новыми идентификаторами, используйте `tvault merge --import`
err-same-vault = { $path } — копия этого же хранилища
hint-same-vault = используйте `tvault merge` без --import
err-merge-source-damaged = { $path } не проходит проверку ({ $count } { $count ->
    [one] проблема
    [few] проблемы
    [many] проблем
   *[other] проблем
}); ничего не слито
hint-merge-source-damaged = запустите `tvault verify --vault { $path }`, чтобы увидеть отчёт; сливать можно только копию, которая проходит проверку
note-merge-up-to-date = в этом хранилище уже есть каждая запись и каждая версия из { $path }
note-merged = слито из { $path }: { $records } { $records ->
    [one] новая или изменённая запись
    [few] новые или изменённые записи
    [many] новых или изменённых записей
   *[other] новых или изменённых записей
} (записей журнала: { $entries }, взято файлов: { $files })
note-merge-conflict = конфликт: запись { $id } изменилась в обеих копиях; версия { $new } хранит содержимое другой копии и конфликтует с версией { $version }
hint-merge-conflicts = сравните через `tvault history ID` и `tvault show ID --version N`, затем разрешите конфликт через `tvault edit ID` (правка без изменений разрешает его как есть)
note-imported = импортировано из { $path } под новыми идентификаторами: { $count } { $count ->
    [one] запись
    [few] записи
    [many] записей
   *[other] записей
}
note-import-already-here = не импортировано повторно, так как уже есть здесь без изменений (эта копия хранилища сделана до смены ключа): { $count } { $count ->
    [one] запись
    [few] записи
    [many] записей
   *[other] записей
}
note-no-records = в хранилище пока нет записей (`tvault add` добавляет)
# вложения и цепочка хранения (issue 6)
help-add-shred_original = После того как вложения записаны и проверены, перезаписать и удалить оригиналы (флеш-носители и журналируемые файловые системы всё равно могут хранить копии)
help-cmd-attach = Прикрепить файлы к записи (новая версия записи); выводит номера новых вложений, по одному в строке
help-attach-id = Идентификатор записи или его однозначное начало из 6 и более знаков
help-attach-paths = Прикрепляемые файлы
help-attach-shred_original = После того как файлы записаны и проверены, перезаписать и удалить оригиналы (флеш-носители и журналируемые файловые системы всё равно могут хранить копии)
help-cmd-extract = Восстановить оригинал вложения в точности, проверяя его SHA-256 по пути
help-extract-id = Идентификатор записи или его однозначное начало из 6 и более знаков
help-extract-attachment = Вложение: его номер, начиная с 1 (как их показывает `show`), или имя его файла
help-extract-out = Записать оригинал в FILE (`-` — стандартный вывод, но никогда не терминал); никогда не внутри хранилища
help-extract-force = Заменить FILE, если он уже существует
help-cmd-custody = Показать цепочку хранения вложений записи (приём, извлечение, экспорт) таблицей или, с --json, в формате JSON Lines
help-custody-id = Идентификатор записи или его однозначное начало из 6 и более знаков
note-attached = к записи { $id } { $count ->
    [one] прикреплён { $count } файл
    [few] прикреплены { $count } файла
    [many] прикреплено { $count } файлов
   *[other] прикреплено { $count } файла
}
err-attach-not-file = вложение { $position }: это не обычный файл
err-attach-unreadable = вложение { $position }: не удаётся его прочитать: { $reason }
err-attach-twice = вложение { $position }: один и тот же файл указан дважды
err-attach-one-record = для --attach во входных данных должна быть ровно одна запись, а не { $count }
progress-attaching = прикрепление { $index }/{ $count }
progress-extracting = извлечение вложения { $index }
err-shred-not-stored = у записи { $id } нет вложения { $index }; оригиналы оставлены на месте
err-shred-verify = вложение { $index } записи { $id } не читается обратно ({ $reason }); оригиналы оставлены на месте
err-shred-failed = вложение { $position } сохранено, но его оригинал не удалось уничтожить: { $reason }
warn-shred-copies = оригиналы перезаписаны и удалены, но флеш-носители (USB-флешки, SSD) и журналируемые файловые системы или системы с копированием при записи всё равно могут хранить их копии; от этого защищает только шифрование всего диска
err-extract-terminal = extract никогда не выводит оригинал в терминал
hint-extract-terminal = укажите --out FILE или перенаправьте стандартный вывод в файл или программу
err-extract-failed = вложение { $index } записи { $id }: { $reason }; выходной файл не записан
hint-extract-failed = выполните `tvault verify --deep`, чтобы проверить все вложения
note-extracted = вложение { $index } записи { $id } извлечено (SHA-256 { $sha256 }, проверен)
err-no-such-attachment = у записи { $id } нет такого вложения (всего их { $count })
hint-no-such-attachment = укажите номер вложения, как его показывает `tvault show`
err-attachment-name-ambiguous = это имя носят { $count } вложения записи { $id }
col-event = СОБЫТИЕ
col-attachment = №
col-sha256 = SHA-256
col-unlock = СПОСОБ ОТКРЫТИЯ
col-name = ИМЯ ФАЙЛА
note-custody = { $count ->
    [one] { $count } событие
    [few] { $count } события
    [many] { $count } событий
   *[other] { $count } события
} цепочки хранения для записи { $id }
show-attachments = Вложения:
show-attachment-size = { $bytes } байт
help-bench-attachment_mib = Размер в МиБ синтетического файла для замера вложений (attach и extract в сравнении с шифрованием и расшифровкой того же файла программой `rage`); 0 — пропустить
help-bench-rage = Программа `rage` для сравнения вложений [по умолчанию: `rage` из PATH]

# demo narration
demo-intro = Демонстрация tvault: временное хранилище вымышленных свидетельств в { $path } (парольные фразы и ключ восстановления только для этой демонстрации лежат в той же папке).
demo-step-init = 1. Создать хранилище с парольной фразой (scrypt, коэффициент сложности 18) и ключом восстановления организации.
demo-step-add = 2. Добавить двадцать свидетельств из JSON на стандартном вводе; скрипты открывают хранилище файлом идентичности.
demo-step-list = 3. Показать их (таблица для людей, --json для скриптов).
demo-step-show = 4. Показать одну запись по началу идентификатора, текстом и в виде JSON.
demo-step-search = 5. Поиск по зашифрованному индексу в памяти: любой алфавит, любое написание, любой падеж; поля, даты, фразы и отрицание.
demo-step-export = 6. Экспорт очищенных сводок для МОТ, как позволяет согласие каждого свидетеля на эту цель: имена, контакты, местонахождение, третьи лица и идентификаторы удаляются в любом алфавите и падеже; записи без согласия не экспортируются, а только подсчитываются.
demo-step-verify = 7. Проверить каждый байт по журналу целостности. Запишите голову журнала в другом месте: `verify --expect` позже обнаружит откат. Подброшенный файл обнаруживается.
demo-step-bad-input = 8. Неверный ввод отклоняется с указанием пути к полю, и ничего не добавляется.
demo-step-passwd = 9. Сменить парольную фразу: перезаписывается один небольшой слот ключей, ни одна запись не затрагивается.
demo-step-edit = 10. Факты меняются: правка записывает новую версию (здесь — JSON merge patch) и сохраняет старую; копию на флешке коллеги меняют там и объединяют обратно.
demo-step-border = 11. Что видит пограничник: случайные имена файлов и размеры, дополненные до стандартных величин.
demo-step-age = 12. Никакой привязки: обычная программа `age` открывает хранилище ключом восстановления (docs/FORMAT.md).
demo-step-attach = 13. Приложить (вымышленную) аудиозапись: она поступает в хранилище зашифрованным потоком, SHA-256 берётся на входе; имя файла хранится только в зашифрованной записи. Снова извлечь её (хеш проверяется на выходе) и вывести цепочку хранения.
demo-step-rekey = 14. Новый ключ восстановления организации; старый уходит. `--rekey` даёт хранилищу новый ключ и перешифровывает каждый файл, так что старый ключ не открывает ничего, даже старую копию слота ключей.
demo-step-destroy = 15. Аварийное уничтожение (здесь — копии): сначала слоты ключей, затем каждый файл; с --yes ключ не нужен, и tvault прямо говорит, что могут сохранить флеш-носители.
demo-kept = Демонстрационное хранилище сохранено в { $path }.
demo-done = Готово; демонстрационное хранилище удалено.
