/// Name and place data for generated tenants: several cultures, accents and non-Latin scripts.
struct Culture: Sendable {
    /// (native, ASCII) pairs.
    var given: [(String, String)]
    var surnames: [(String, String)]
    /// Family name first without a space (Chinese, Japanese display names).
    var familyFirst = false
    var country: String
    var countryCode: String
    var language: String
    var phonePrefix: String
    /// (city, state, postal code prefix, street)
    var places: [(String, String?, String, String)]
}

enum NamePools {
    static let cultures: [Culture] = [
        Culture(
            given: [
                ("Adele", "adele"), ("Alex", "alex"), ("Megan", "megan"), ("Patti", "patti"), ("Lynne", "lynne"),
                ("Diego", "diego"), ("Isaiah", "isaiah"), ("Johanna", "johanna"), ("Nestor", "nestor"),
                ("Lidia", "lidia"), ("Grady", "grady"), ("Miriam", "miriam"),
            ],
            surnames: [
                ("Vance", "vance"), ("Wilber", "wilber"), ("Bowen", "bowen"), ("Fernandez", "fernandez"),
                ("Robbins", "robbins"), ("Siciliani", "siciliani"), ("Langer", "langer"), ("Lauridsen", "lauridsen"),
                ("Wilke", "wilke"), ("Holloway", "holloway"), ("Archie", "archie"), ("Graham", "graham"),
                ("O'Brien", "obrien"),
            ],
            country: "United States",
            countryCode: "US",
            language: "en-US",
            phonePrefix: "+1 425 555 ",
            places: [
                ("Redmond", "WA", "980", "One Microsoft Way"), ("Seattle", "WA", "981", "Pike Street"),
                ("Boston", "MA", "021", "Boylston Street"),
            ]
        ),
        Culture(
            given: [
                ("José", "jose"), ("María", "maria"), ("Iñaki", "inaki"), ("Lucía", "lucia"), ("Álvaro", "alvaro"),
                ("Begoña", "begona"),
            ],
            surnames: [
                ("García", "garcia"), ("Núñez", "nunez"), ("Muñoz", "munoz"), ("López", "lopez"), ("Pérez", "perez"),
                ("Ibáñez", "ibanez"),
            ],
            country: "Spain",
            countryCode: "ES",
            language: "es-ES",
            phonePrefix: "+34 91 555 ",
            places: [("Madrid", nil, "280", "Calle de Alcalá"), ("Barcelona", nil, "080", "Passeig de Gràcia")]
        ),
        Culture(
            given: [
                ("Jürgen", "juergen"), ("Änne", "aenne"), ("Jörg", "joerg"), ("Björn", "bjoern"), ("Søren", "soeren"),
                ("Zoë", "zoe"), ("Léa", "lea"), ("François", "francois"), ("Hélène", "helene"),
            ],
            surnames: [
                ("Müller", "mueller"), ("Groß", "gross"), ("Schröder", "schroeder"), ("Østergaard", "oestergaard"),
                ("Dubois", "dubois"), ("Lefèvre", "lefevre"), ("Weiß", "weiss"),
            ],
            country: "Germany",
            countryCode: "DE",
            language: "de-DE",
            phonePrefix: "+49 30 555 ",
            places: [
                ("Berlin", nil, "101", "Unter den Linden"), ("München", "Bayern", "803", "Maximilianstraße"),
                ("Köln", nil, "506", "Hohe Straße"),
            ]
        ),
        Culture(
            given: [
                ("Łukasz", "lukasz"), ("Małgorzata", "malgorzata"), ("Zdeněk", "zdenek"), ("Jiří", "jiri"),
                ("Agnieszka", "agnieszka"),
            ],
            surnames: [
                ("Wiśniewski", "wisniewski"), ("Dvořák", "dvorak"), ("Kowalczyk", "kowalczyk"),
                ("Nováková", "novakova"), ("Żak", "zak"),
            ],
            country: "Poland",
            countryCode: "PL",
            language: "pl-PL",
            phonePrefix: "+48 22 555 ",
            places: [("Warszawa", nil, "00-9", "ul. Marszałkowska"), ("Kraków", nil, "31-0", "ul. Floriańska")]
        ),
        Culture(
            given: [("Иван", "ivan"), ("Ольга", "olga"), ("Дмитрий", "dmitry"), ("Наталья", "natalya")],
            surnames: [
                ("Петров", "petrov"), ("Смирнова", "smirnova"), ("Кузнецов", "kuznetsov"), ("Иванова", "ivanova"),
            ],
            country: "Ukraine",
            countryCode: "UA",
            language: "uk-UA",
            phonePrefix: "+380 44 555 ",
            places: [("Київ", nil, "010", "вул. Хрещатик")]
        ),
        Culture(
            given: [("Γιώργος", "giorgos"), ("Ελένη", "eleni"), ("Νίκος", "nikos")],
            surnames: [("Παπαδόπουλος", "papadopoulos"), ("Οικονόμου", "oikonomou"), ("Γεωργίου", "georgiou")],
            country: "Greece",
            countryCode: "GR",
            language: "el-GR",
            phonePrefix: "+30 21 0555 ",
            places: [("Αθήνα", nil, "105", "Οδός Ερμού")]
        ),
        Culture(
            given: [("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("强", "qiang")],
            surnames: [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu")],
            familyFirst: true,
            country: "China",
            countryCode: "CN",
            language: "zh-CN",
            phonePrefix: "+86 10 5555 ",
            places: [("北京", nil, "100", "长安街"), ("上海", nil, "200", "南京路")]
        ),
        Culture(
            given: [("花子", "hanako"), ("太郎", "taro"), ("陽菜", "hina"), ("翔", "sho")],
            surnames: [("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka")],
            familyFirst: true,
            country: "Japan",
            countryCode: "JP",
            language: "ja-JP",
            phonePrefix: "+81 3 5555 ",
            places: [("東京", "東京都", "100-", "千代田区丸の内")]
        ),
        Culture(
            given: [("محمد", "mohammed"), ("فاطمة", "fatima"), ("أحمد", "ahmed")],
            surnames: [("الحسن", "alhassan"), ("منصور", "mansour"), ("حداد", "haddad")],
            country: "Egypt",
            countryCode: "EG",
            language: "ar-EG",
            phonePrefix: "+20 2 555 ",
            places: [("القاهرة", nil, "115", "شارع التحرير")]
        ),
        Culture(
            given: [("Sigríður", "sigridur"), ("Þór", "thor"), ("Åsa", "asa"), ("Ørjan", "orjan")],
            surnames: [
                ("Guðmundsdóttir", "gudmundsdottir"), ("Þórsson", "thorsson"), ("Ångström", "angstrom"),
                ("Bjørnstad", "bjornstad"),
            ],
            country: "Iceland",
            countryCode: "IS",
            language: "is-IS",
            phonePrefix: "+354 555 ",
            places: [("Reykjavík", nil, "10", "Laugavegur")]
        ),
    ]

    /// Weights: mostly the first culture, the others regularly.
    static let cultureWeights = [40, 10, 12, 8, 5, 4, 7, 6, 4, 4]

    static let departments = [
        "Sales", "Marketing", "Finance", "Human Resources", "Research & Development", "Legal", "Operations",
        "IT", "Customer Service", "Production",
    ]
    static let titles = [
        "Sales Representative", "Marketing Manager", "Accountant", "HR Generalist", "Software Engineer", "Paralegal",
        "Operations Lead", "Support Engineer", "Product Manager", "Director", "Analyst", "Designer",
    ]
    static let partnerCompanies = [
        ("Fabrikam", "fabrikam.com"), ("Northwind Traders", "northwindtraders.com"), ("Adatum", "adatum.com"),
        ("Litware", "litwareinc.com"), ("Tailspin Toys", "tailspintoys.com"),
        ("Wide World Importers", "wideworldimporters.com"),
        ("Ýmir & Søn", "ymir-son.is"), ("Café Olé SARL", "cafeole.fr"),
    ]
    static let tenantNames = [
        "contoso", "fabrikam", "northwind", "adatum", "litware", "tailspin", "wingtip", "woodgrove", "relecloud",
        "proseware",
    ]
    static let personalDomains = ["gmail.com", "outlook.com", "yahoo.com", "gmx.de", "web.de", "icloud.com"]
    static let skus = [
        "c7df2760-2c81-4ef7-b578-5b5392b571df", "05e9a617-0261-4cee-bb44-138d3ef5d965",
        "6fd2c87f-b296-42f0-b197-1e91e994b900",
    ]
}
