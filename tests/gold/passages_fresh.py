"""Fresh gold set: tech-news passages written by a helper who had not read the extraction rules
or code, 2026-12-07 (issue 16). Every passage is new text in the helper's own words (invented
people and companies mixed with real, well-known ones); nothing was copied from the web, the
repository, the seed files, the sample site or any data set.

Labelled by hand from the rules in tests/gold/README.md only, before any pipeline was run on
it (the pipeline and score.py were never run by its author). Same shape as passages.py:
text; claims (exact sentence text, speaker or None, verb or None); figures (raw, kind, value,
unit); entities (name, type).

Weighted towards the hard cases a news-claims extractor meets: pronouns and "the company"
pointing back across sentences when two people or two companies are named; the reporter's
narration about a person ("X declined to say ...", "X did not explain how ...") which has no
speaker and no verb; generic sources ("Research suggests", "Analysts expect") with no
speaker but the verb kept; "set out" / "outlined" / "laid out"; long role titles; product
names with numbers that are not figures (RTX 5090, Pixel 9, Snapdragon 8 Elite, Llama 3.1
405B: a model suffix is part of the name, not a figure); years in the text (never figures);
bounds vs hedges; "no longer" / "no more"; companies named like common nouns (Writer,
Notion, Box, Square, Signal) referred to later in lower case; and about a third easy cases.
12 passages have no claim (navigation, teasers, captions, questions, bylines, tags,
unattributed opinion).

Labelling decisions where the README is silent (see the report in the commit message):
- Figure kinds used: percent (unit "percent"), money (ISO code), count (unit = the counted
  noun as written, raw runs from the number to that noun), multiplier (unit "x"),
  percentage_points (unit "pp"), temperature ("C"), power ("MW"/"GW", value as written),
  energy ("TWh"), duration (unit "years").
- Bounds and approximations ("more than 30%", "about 1,000 jobs", "up to", "no more than
  5%") keep only the number and its unit as raw; the qualifier is not part of the raw text.
- A hedge ("reportedly", "is estimated", "may") changes nothing: the sentence is still a claim
  if it has a speaker, a figure or a dated prediction; "reportedly" alone names no speaker.
- Anonymous-source phrases ("a person familiar with the matter", "people briefed on the
  talks", "the regulator", "the government") are unnamed sources: the speaker is the phrase,
  lower-case. Bare generic nouns ("Analysts", "Experts", "Research", "Studies", "local
  media") name no source.
"""


def C(text, speaker=None, verb=None):
    return dict(text=text, speaker=speaker, verb=verb)


def F(raw, kind, value, unit):
    return dict(raw=raw, kind=kind, value=value, unit=unit)


def P(text, claims=(), figures=(), entities=()):
    return dict(text=text, claims=list(claims), figures=list(figures), entities=list(entities))


PASSAGES = [
    # --- easy: "X said", "according to X", "said X" -------------------------------------
    P(
        "Infineon said on Wednesday that orders for its silicon carbide chips rose 18% in the quarter.",
        [
            C(
                "Infineon said on Wednesday that orders for its silicon carbide chips rose 18% in the quarter.",
                "Infineon",
                "said",
            )
        ],
        [F("18%", "percent", 18, "percent")],
        [("Infineon", "ORG")],
    ),
    P(
        "Sea Limited expects its Shopee unit to turn an annual profit in 2027, chief executive Forrest Li told investors.",
        [
            C(
                "Sea Limited expects its Shopee unit to turn an annual profit in 2027, chief executive Forrest Li told investors.",
                "Forrest Li",
                "told",
            )
        ],
        [],
        [("Sea Limited", "ORG"), ("Shopee", "ORG"), ("Forrest Li", "PERSON")],
    ),
    P(
        "Revenue at Infosys grew to ₹41,764 crore in the December quarter, the company said.",
        [C("Revenue at Infosys grew to ₹41,764 crore in the December quarter, the company said.", "Infosys", "said")],
        [F("₹41,764 crore", "money", 417640000000, "INR")],
        [("Infosys", "ORG")],
    ),
    P(
        "Rakuten Mobile has signed up 8.3 million subscribers, according to the company.",
        [
            C(
                "Rakuten Mobile has signed up 8.3 million subscribers, according to the company.",
                "Rakuten Mobile",
                "according to",
            )
        ],
        [F("8.3 million subscribers", "count", 8300000, "subscribers")],
        [("Rakuten Mobile", "ORG")],
    ),
    P(
        "Nvidia shares fell 4% in early trading on Monday.",
        [C("Nvidia shares fell 4% in early trading on Monday.")],
        [F("4%", "percent", 4, "percent")],
        [("Nvidia", "ORG")],
    ),
    P(
        "The European Commission fined Meta €798 million for tying Facebook Marketplace to its social network. "
        "The Commission said the practice had harmed rival classified-ad services.",
        [
            C("The European Commission fined Meta €798 million for tying Facebook Marketplace to its social network."),
            C(
                "The Commission said the practice had harmed rival classified-ad services.",
                "European Commission",
                "said",
            ),
        ],
        [F("€798 million", "money", 798000000, "EUR")],
        [("European Commission", "ORG"), ("Meta", "ORG"), ("Facebook Marketplace", "PRODUCT")],
    ),
    P(
        "Kakao Pay said it processed 1.2 trillion won in payments in November.",
        [C("Kakao Pay said it processed 1.2 trillion won in payments in November.", "Kakao Pay", "said")],
        [F("1.2 trillion won", "money", 1.2e12, "KRW")],
        [("Kakao Pay", "ORG")],
    ),
    P(
        "Telstra will switch off what remains of its 3G network in June, the carrier said.",
        [C("Telstra will switch off what remains of its 3G network in June, the carrier said.", "Telstra", "said")],
        [],
        [("Telstra", "ORG")],
    ),
    P(
        "Xiaomi shipped 42 million smartphones in the third quarter, according to Canalys.",
        [
            C(
                "Xiaomi shipped 42 million smartphones in the third quarter, according to Canalys.",
                "Canalys",
                "according to",
            )
        ],
        [F("42 million smartphones", "count", 42000000, "smartphones")],
        [("Xiaomi", "ORG"), ("Canalys", "ORG")],
    ),
    P(
        "Singapore's Infocomm Media Development Authority said 5G coverage now reaches 95% of the island.",
        [
            C(
                "Singapore's Infocomm Media Development Authority said 5G coverage now reaches 95% of the island.",
                "Infocomm Media Development Authority",
                "said",
            )
        ],
        [F("95%", "percent", 95, "percent")],
        [("Singapore", "GPE"), ("Infocomm Media Development Authority", "ORG")],
    ),
    P(
        "Mistral AI has raised €600 million in a round led by General Catalyst, the Paris-based start-up said on Tuesday.",
        [
            C(
                "Mistral AI has raised €600 million in a round led by General Catalyst, the Paris-based start-up said on Tuesday.",
                "Mistral AI",
                "said",
            )
        ],
        [F("€600 million", "money", 600000000, "EUR")],
        [("Mistral AI", "ORG"), ("General Catalyst", "ORG"), ("Paris", "GPE")],
    ),
    P(
        "Ola Electric said it would cut about 1,000 jobs as sales of its scooters slowed.",
        [C("Ola Electric said it would cut about 1,000 jobs as sales of its scooters slowed.", "Ola Electric", "said")],
        [F("1,000 jobs", "count", 1000, "jobs")],
        [("Ola Electric", "ORG")],
    ),
    P(
        "Data centres worldwide could consume 945 TWh of electricity by 2030, the International Energy Agency said in a report.",
        [
            C(
                "Data centres worldwide could consume 945 TWh of electricity by 2030, the International Energy Agency said in a report.",
                "International Energy Agency",
                "said",
            )
        ],
        [F("945 TWh", "quantity", 945, "TWh")],
        [("International Energy Agency", "ORG")],
    ),
    P(
        "Atlassian said its cloud revenue grew 26% from a year earlier, ahead of its own forecast of 22%.",
        [
            C(
                "Atlassian said its cloud revenue grew 26% from a year earlier, ahead of its own forecast of 22%.",
                "Atlassian",
                "said",
            )
        ],
        [F("26%", "percent", 26, "percent"), F("22%", "percent", 22, "percent")],
        [("Atlassian", "ORG")],
    ),
    P(
        "Naver said it would invest 1 trillion won in its Japanese data centres.",
        [C("Naver said it would invest 1 trillion won in its Japanese data centres.", "Naver", "said")],
        [F("1 trillion won", "money", 1e12, "KRW")],
        [("Naver", "ORG")],
    ),
    P(
        "Ant Group's net profit fell 20% to 29.6 billion yuan, according to filings by Alibaba.",
        [
            C(
                "Ant Group's net profit fell 20% to 29.6 billion yuan, according to filings by Alibaba.",
                "Alibaba",
                "according to",
            )
        ],
        [F("20%", "percent", 20, "percent"), F("29.6 billion yuan", "money", 29.6e9, "CNY")],
        [("Ant Group", "ORG"), ("Alibaba", "ORG")],
    ),
    P(
        "Canva now has 220 million monthly users, co-founder Cameron Adams said.",
        [C("Canva now has 220 million monthly users, co-founder Cameron Adams said.", "Cameron Adams", "said")],
        [F("220 million monthly users", "count", 220000000, "users")],
        [("Canva", "ORG"), ("Cameron Adams", "PERSON")],
    ),
    P(
        "Masayoshi Son told shareholders that SoftBank would invest more than US$100 billion in the United States.",
        [
            C(
                "Masayoshi Son told shareholders that SoftBank would invest more than US$100 billion in the United States.",
                "Masayoshi Son",
                "told",
            )
        ],
        [F("US$100 billion", "money", 100e9, "USD")],
        [("Masayoshi Son", "PERSON"), ("SoftBank", "ORG"), ("United States", "GPE")],
    ),
    P(
        "In a report published on Monday, IDC estimates that spending on AI servers will reach US$200 billion in 2028.",
        [
            C(
                "In a report published on Monday, IDC estimates that spending on AI servers will reach US$200 billion in 2028.",
                "IDC",
                "estimates",
            )
        ],
        [F("US$200 billion", "money", 200e9, "USD")],
        [("IDC", "ORG")],
    ),
    P(
        "Mercado Libre said it would hire 6,500 people in Mexico this year.",
        [C("Mercado Libre said it would hire 6,500 people in Mexico this year.", "Mercado Libre", "said")],
        [F("6,500 people", "count", 6500, "people")],
        [("Mercado Libre", "ORG"), ("Mexico", "GPE")],
    ),
    # --- two people named, pronoun / surname back to the right one -----------------------
    P(
        "Lina Haddad, who runs product at Dropbox, met Arjun Mehta of Freshworks at a conference in Bengaluru. "
        "She said Dropbox would open an engineering office in the city next year.",
        [C("She said Dropbox would open an engineering office in the city next year.", "Lina Haddad", "said")],
        [],
        [
            ("Lina Haddad", "PERSON"),
            ("Dropbox", "ORG"),
            ("Arjun Mehta", "PERSON"),
            ("Freshworks", "ORG"),
            ("Bengaluru", "GPE"),
        ],
    ),
    P(
        "Marcus Webb, Intel's head of foundry sales, and Priya Raman, an analyst at Bernstein, spoke on the same panel. "
        "Raman said Intel's 18A process was still well behind TSMC's best node.",
        [C("Raman said Intel's 18A process was still well behind TSMC's best node.", "Priya Raman", "said")],
        [],
        [("Marcus Webb", "PERSON"), ("Intel", "ORG"), ("Priya Raman", "PERSON"), ("Bernstein", "ORG"), ("TSMC", "ORG")],
    ),
    P(
        "Meera Pillai left Wipro in March to join Zoho, where Sridhar Vembu is chief scientist. "
        "He said the company had no plans to go public.",
        [C("He said the company had no plans to go public.", "Sridhar Vembu", "said")],
        [],
        [("Meera Pillai", "PERSON"), ("Wipro", "ORG"), ("Zoho", "ORG"), ("Sridhar Vembu", "PERSON")],
    ),
    P(
        "Grace Lin of MediaTek and Tom Keller of Qualcomm both spoke at Computex on Tuesday. "
        "Keller said the Snapdragon 8 Elite would ship in more than 40 phones by March. "
        "She said demand for the Dimensity 9400 was the strongest the company had seen.",
        [
            C("Keller said the Snapdragon 8 Elite would ship in more than 40 phones by March.", "Tom Keller", "said"),
            C("She said demand for the Dimensity 9400 was the strongest the company had seen.", "Grace Lin", "said"),
        ],
        [F("40 phones", "count", 40, "phones")],
        [
            ("Grace Lin", "PERSON"),
            ("MediaTek", "ORG"),
            ("Tom Keller", "PERSON"),
            ("Qualcomm", "ORG"),
            ("Computex", "EVENT"),
            ("Snapdragon 8 Elite", "PRODUCT"),
            ("Dimensity 9400", "PRODUCT"),
        ],
    ),
    P(
        "Kai Wong, chief executive of Lalamove, said the company would enter new markets in Latin America next year. "
        "Ben Carter, an analyst at Counterpoint, was less sure. "
        "He said the expansion would be costly while margins in Asia remained thin.",
        [
            C(
                "Kai Wong, chief executive of Lalamove, said the company would enter new markets in Latin America next year.",
                "Kai Wong",
                "said",
            ),
            C("He said the expansion would be costly while margins in Asia remained thin.", "Ben Carter", "said"),
        ],
        [],
        [
            ("Kai Wong", "PERSON"),
            ("Lalamove", "ORG"),
            ("Latin America", "LOC"),
            ("Ben Carter", "PERSON"),
            ("Counterpoint", "ORG"),
            ("Asia", "LOC"),
        ],
    ),
    P(
        "Jensen Huang told the audience at GTC that Blackwell was in full production. "
        "Huang said customers had ordered 3.6 million Blackwell chips.",
        [
            C("Jensen Huang told the audience at GTC that Blackwell was in full production.", "Jensen Huang", "told"),
            C("Huang said customers had ordered 3.6 million Blackwell chips.", "Jensen Huang", "said"),
        ],
        [F("3.6 million Blackwell chips", "count", 3600000, "chips")],
        [("Jensen Huang", "PERSON"), ("GTC", "EVENT"), ("Blackwell", "PRODUCT")],
    ),
    # --- "the company" after two companies / a person in between ------------------------
    P(
        "Foxconn will build a server plant in Guadalajara for Nvidia, the company said on Monday.",
        [
            C(
                "Foxconn will build a server plant in Guadalajara for Nvidia, the company said on Monday.",
                "Foxconn",
                "said",
            )
        ],
        [],
        [("Foxconn", "ORG"), ("Guadalajara", "GPE"), ("Nvidia", "ORG")],
    ),
    P(
        "Lenovo reported a 24% rise in quarterly revenue. "
        "Chairman Yang Yuanqing said PCs with on-device AI would make up a quarter of its shipments next year. "
        "The company said its server business had returned to profit.",
        [
            C("Lenovo reported a 24% rise in quarterly revenue.", "Lenovo", "reported"),
            C(
                "Chairman Yang Yuanqing said PCs with on-device AI would make up a quarter of its shipments next year.",
                "Yang Yuanqing",
                "said",
            ),
            C("The company said its server business had returned to profit.", "Lenovo", "said"),
        ],
        [F("24%", "percent", 24, "percent"), F("a quarter", "percent", 25, "percent")],
        [("Lenovo", "ORG"), ("Yang Yuanqing", "PERSON")],
    ),
    P(
        "Arm sued Qualcomm over licences tied to Qualcomm's purchase of Nuvia, and lost. "
        "The company said on Thursday it would appeal the jury's verdict.",
        [C("The company said on Thursday it would appeal the jury's verdict.", "Arm", "said")],
        [],
        [("Arm", "ORG"), ("Qualcomm", "ORG"), ("Nuvia", "ORG")],
    ),
    # --- narration about a person: no speaker, no verb -----------------------------------
    P(
        "Elon Musk said Tesla would start selling its Optimus robot to other companies in 2026. "
        "He did not say what it would cost.",
        [
            C(
                "Elon Musk said Tesla would start selling its Optimus robot to other companies in 2026.",
                "Elon Musk",
                "said",
            ),
            C("He did not say what it would cost."),
        ],
        [],
        [("Elon Musk", "PERSON"), ("Tesla", "ORG"), ("Optimus", "PRODUCT")],
    ),
    P(
        "Apple declined to say when Apple Intelligence would launch in mainland China.",
        [C("Apple declined to say when Apple Intelligence would launch in mainland China.")],
        [],
        [("Apple", "ORG"), ("Apple Intelligence", "PRODUCT"), ("China", "GPE")],
    ),
    P(
        "Sony would not confirm whether the PlayStation 6 was in development.",
        [C("Sony would not confirm whether the PlayStation 6 was in development.")],
        [],
        [("Sony", "ORG"), ("PlayStation 6", "PRODUCT")],
    ),
    P(
        "Sam Altman has not said how many GPUs OpenAI is buying from AMD.",
        [C("Sam Altman has not said how many GPUs OpenAI is buying from AMD.")],
        [],
        [("Sam Altman", "PERSON"), ("OpenAI", "ORG"), ("AMD", "ORG")],
    ),
    P(
        "Kenji Morita, the chief executive of Kioxia, declined to comment on merger talks with Western Digital.",
        [C("Kenji Morita, the chief executive of Kioxia, declined to comment on merger talks with Western Digital.")],
        [],
        [("Kenji Morita", "PERSON"), ("Kioxia", "ORG"), ("Western Digital", "ORG")],
    ),
    P(
        "Sundar Pichai said searches that show AI Overviews had grown 10% in a year. "
        "Pichai did not explain how Google would make money from the feature.",
        [
            C("Sundar Pichai said searches that show AI Overviews had grown 10% in a year.", "Sundar Pichai", "said"),
            C("Pichai did not explain how Google would make money from the feature."),
        ],
        [F("10%", "percent", 10, "percent")],
        [("Sundar Pichai", "PERSON"), ("AI Overviews", "PRODUCT"), ("Google", "ORG")],
    ),
    # --- generic sources: no speaker, verb kept ------------------------------------------
    P(
        "Research suggests that large language models repeat errors found in their training data more than 70% of the time.",
        [
            C(
                "Research suggests that large language models repeat errors found in their training data more than 70% of the time.",
                None,
                "suggests",
            )
        ],
        [F("70%", "percent", 70, "percent")],
        [],
    ),
    P(
        "Studies show that screen time among Australian teenagers rose sharply after 2020.",
        [C("Studies show that screen time among Australian teenagers rose sharply after 2020.", None, "show")],
        [],
        [],
    ),
    P(
        "Analysts expect Apple to sell about 230 million iPhones this year.",
        [C("Analysts expect Apple to sell about 230 million iPhones this year.", None, "expect")],
        [F("230 million iPhones", "count", 230000000, "iPhones")],
        [("Apple", "ORG"), ("iPhone", "PRODUCT")],
    ),
    P(
        "Analysts at Morgan Stanley expect memory prices to rise 15% in the first half of 2026.",
        [
            C(
                "Analysts at Morgan Stanley expect memory prices to rise 15% in the first half of 2026.",
                "Morgan Stanley",
                "expect",
            )
        ],
        [F("15%", "percent", 15, "percent")],
        [("Morgan Stanley", "ORG")],
    ),
    P(
        "Experts say quantum computers able to break today's encryption are at least a decade away.",
        [C("Experts say quantum computers able to break today's encryption are at least a decade away.", None, "say")],
        [],
        [],
    ),
    P(
        "A spokesperson for Globe Telecom said the outage had affected roughly 2 million mobile customers.",
        [
            C(
                "A spokesperson for Globe Telecom said the outage had affected roughly 2 million mobile customers.",
                "Globe Telecom",
                "said",
            )
        ],
        [F("2 million mobile customers", "count", 2000000, "customers")],
        [("Globe Telecom", "ORG")],
    ),
    P(
        "Meta researchers reported that the new Llama model cut inference costs by 40%.",
        [C("Meta researchers reported that the new Llama model cut inference costs by 40%.", "Meta", "reported")],
        [F("40%", "percent", 40, "percent")],
        [("Meta", "ORG"), ("Llama", "PRODUCT")],
    ),
    # --- unnamed (anonymous) sources: the phrase ------------------------------------------
    P(
        "A person familiar with the matter said ByteDance was weighing a sale of its stake in an Indonesian online marketplace.",
        [
            C(
                "A person familiar with the matter said ByteDance was weighing a sale of its stake in an Indonesian online marketplace.",
                "a person familiar with the matter",
                "said",
            )
        ],
        [],
        [("ByteDance", "ORG")],
    ),
    P(
        "The regulator said it had received 1,400 complaints about the lending app since August.",
        [
            C(
                "The regulator said it had received 1,400 complaints about the lending app since August.",
                "the regulator",
                "said",
            )
        ],
        [F("1,400 complaints", "count", 1400, "complaints")],
        [],
    ),
    P(
        "OpenAI may raise as much as US$40 billion in its next funding round, according to people briefed on the talks.",
        [
            C(
                "OpenAI may raise as much as US$40 billion in its next funding round, according to people briefed on the talks.",
                "people briefed on the talks",
                "according to",
            )
        ],
        [F("US$40 billion", "money", 40e9, "USD")],
        [("OpenAI", "ORG")],
    ),
    P(
        "Hong Kong's Cyberport will spend HK$3 billion on a supercomputing centre, the government said.",
        [
            C(
                "Hong Kong's Cyberport will spend HK$3 billion on a supercomputing centre, the government said.",
                "the government",
                "said",
            )
        ],
        [F("HK$3 billion", "money", 3e9, "HKD")],
        [("Hong Kong", "GPE"), ("Cyberport", "ORG")],
    ),
    # --- "set out", "outlined", "laid out" ----------------------------------------------
    P(
        "Ngozi Okafor, chief executive of Lagos-based payments firm Kora Pay, set out plans to expand into Kenya and Egypt by 2027.",
        [
            C(
                "Ngozi Okafor, chief executive of Lagos-based payments firm Kora Pay, set out plans to expand into Kenya and Egypt by 2027.",
                "Ngozi Okafor",
                "set out",
            )
        ],
        [],
        [("Ngozi Okafor", "PERSON"), ("Lagos", "GPE"), ("Kora Pay", "ORG"), ("Kenya", "GPE"), ("Egypt", "GPE")],
    ),
    P(
        "In a memo to staff, Andy Jassy outlined how Amazon would remove layers of management over the next two years.",
        [
            C(
                "In a memo to staff, Andy Jassy outlined how Amazon would remove layers of management over the next two years.",
                "Andy Jassy",
                "outlined",
            )
        ],
        [],
        [("Andy Jassy", "PERSON"), ("Amazon", "ORG")],
    ),
    P(
        "Britain's Department for Science, Innovation and Technology laid out rules on Tuesday requiring phone makers to publish how long they will provide security updates.",
        [
            C(
                "Britain's Department for Science, Innovation and Technology laid out rules on Tuesday requiring phone makers to publish how long they will provide security updates.",
                "Department for Science, Innovation and Technology",
                "laid out",
            )
        ],
        [],
        [("Britain", "GPE"), ("Department for Science, Innovation and Technology", "ORG")],
    ),
    P(
        "Speaking at Web Summit in Lisbon, Cristina Alves of Nimbo Cloud set out her case for a European cloud champion. "
        "Europe cannot rely on a handful of American providers forever, she said.",
        [
            C(
                "Speaking at Web Summit in Lisbon, Cristina Alves of Nimbo Cloud set out her case for a European cloud champion.",
                "Cristina Alves",
                "set out",
            ),
            C("Europe cannot rely on a handful of American providers forever, she said.", "Cristina Alves", "said"),
        ],
        [],
        [
            ("Web Summit", "EVENT"),
            ("Lisbon", "GPE"),
            ("Cristina Alves", "PERSON"),
            ("Nimbo Cloud", "ORG"),
            ("Europe", "LOC"),
        ],
    ),
    # --- long role titles -----------------------------------------------------------------
    P(
        "Ana Ortiz, senior vice-president of cloud infrastructure at Oracle, said bookings for its GPU clusters had tripled since January.",
        [
            C(
                "Ana Ortiz, senior vice-president of cloud infrastructure at Oracle, said bookings for its GPU clusters had tripled since January.",
                "Ana Ortiz",
                "said",
            )
        ],
        [],
        [("Ana Ortiz", "PERSON"), ("Oracle", "ORG")],
    ),
    P(
        "“We are not a chip company,” said Hiroshi Tanaka, executive vice-president and head of the semiconductor solutions division at Sony Group. "
        "He said the division would nonetheless spend ¥500 billion on image sensors.",
        [
            C(
                "“We are not a chip company,” said Hiroshi Tanaka, executive vice-president and head of the semiconductor solutions division at Sony Group.",
                "Hiroshi Tanaka",
                "said",
            ),
            C("He said the division would nonetheless spend ¥500 billion on image sensors.", "Hiroshi Tanaka", "said"),
        ],
        [F("¥500 billion", "money", 500e9, "JPY")],
        [("Hiroshi Tanaka", "PERSON"), ("Sony Group", "ORG")],
    ),
    P(
        "Dr. Wanjiru Kamau, director of the Digital Policy Lab at Strathmore University in Nairobi, told reporters that only 3% of the continent's data centre capacity sat in East Africa.",
        [
            C(
                "Dr. Wanjiru Kamau, director of the Digital Policy Lab at Strathmore University in Nairobi, told reporters that only 3% of the continent's data centre capacity sat in East Africa.",
                "Wanjiru Kamau",
                "told",
            )
        ],
        [F("3%", "percent", 3, "percent")],
        [
            ("Wanjiru Kamau", "PERSON"),
            ("Digital Policy Lab", "ORG"),
            ("Strathmore University", "ORG"),
            ("Nairobi", "GPE"),
            ("East Africa", "LOC"),
        ],
    ),
    P(
        "Alibaba Cloud could cut its model prices again, said Eddie Wu, chief executive of Alibaba Group and chairman of its cloud unit.",
        [
            C(
                "Alibaba Cloud could cut its model prices again, said Eddie Wu, chief executive of Alibaba Group and chairman of its cloud unit.",
                "Eddie Wu",
                "said",
            )
        ],
        [],
        [("Alibaba Cloud", "ORG"), ("Eddie Wu", "PERSON"), ("Alibaba Group", "ORG")],
    ),
    P(
        "SAP's chief financial officer Dominik Asam said the restructuring would cost about €2 billion.",
        [
            C(
                "SAP's chief financial officer Dominik Asam said the restructuring would cost about €2 billion.",
                "Dominik Asam",
                "said",
            )
        ],
        [F("€2 billion", "money", 2e9, "EUR")],
        [("SAP", "ORG"), ("Dominik Asam", "PERSON")],
    ),
    # --- product names with numbers (not figures) -----------------------------------------
    P(
        "Nvidia's RTX 5090 sold out within minutes at retailers in Seoul, local media reported.",
        [C("Nvidia's RTX 5090 sold out within minutes at retailers in Seoul, local media reported.", None, "reported")],
        [],
        [("Nvidia", "ORG"), ("RTX 5090", "PRODUCT"), ("Seoul", "GPE")],
    ),
    P(
        "Google said the Pixel 9 would receive seven years of Android updates.",
        [C("Google said the Pixel 9 would receive seven years of Android updates.", "Google", "said")],
        [F("seven years", "duration", 7, "years")],
        [("Google", "ORG"), ("Pixel 9", "PRODUCT"), ("Android", "PRODUCT")],
    ),
    P(
        "Meta released Llama 3.1 405B in July, saying it matched GPT-4o on most benchmarks.",
        [C("Meta released Llama 3.1 405B in July, saying it matched GPT-4o on most benchmarks.", "Meta", "saying")],
        [],
        [("Meta", "ORG"), ("Llama 3.1 405B", "PRODUCT"), ("GPT-4o", "PRODUCT")],
    ),
    P(
        "The Snapdragon 8 Elite is 45% faster than its predecessor, Qualcomm said.",
        [C("The Snapdragon 8 Elite is 45% faster than its predecessor, Qualcomm said.", "Qualcomm", "said")],
        [F("45%", "percent", 45, "percent")],
        [("Snapdragon 8 Elite", "PRODUCT"), ("Qualcomm", "ORG")],
    ),
    P(
        "Huawei's Mate 70 and the Honor Magic 7 went on sale in China on the same day, with the Mate 70 starting at 5,499 yuan.",
        [
            C(
                "Huawei's Mate 70 and the Honor Magic 7 went on sale in China on the same day, with the Mate 70 starting at 5,499 yuan."
            )
        ],
        [F("5,499 yuan", "money", 5499, "CNY")],
        [("Huawei", "ORG"), ("Mate 70", "PRODUCT"), ("Honor Magic 7", "PRODUCT"), ("China", "GPE")],
    ),
    P(
        "AMD said its Instinct MI355X accelerator delivers 35 times the inference performance of the MI300X.",
        [
            C(
                "AMD said its Instinct MI355X accelerator delivers 35 times the inference performance of the MI300X.",
                "AMD",
                "said",
            )
        ],
        [F("35 times", "multiplier", 35, "times")],
        [("AMD", "ORG"), ("Instinct MI355X", "PRODUCT"), ("MI300X", "PRODUCT")],
    ),
    P(
        "Microsoft said Windows 10 would no longer receive free security updates after October 2025.",
        [
            C(
                "Microsoft said Windows 10 would no longer receive free security updates after October 2025.",
                "Microsoft",
                "said",
            )
        ],
        [],
        [("Microsoft", "ORG"), ("Windows 10", "PRODUCT")],
    ),
    # --- years in the text (never figures), dated predictions ----------------------------
    P(
        "Arm expects its designs to be in half of all data-centre CPUs shipped in 2025, chief executive Rene Haas said in 2024.",
        [
            C(
                "Arm expects its designs to be in half of all data-centre CPUs shipped in 2025, chief executive Rene Haas said in 2024.",
                "Rene Haas",
                "said",
            )
        ],
        [F("half", "percent", 50, "percent")],
        [("Arm", "ORG"), ("Rene Haas", "PERSON")],
    ),
    P(
        "Vietnam aims to train 50,000 chip engineers by 2030, up from about 6,000 today, the Ministry of Planning and Investment said in a 2024 report.",
        [
            C(
                "Vietnam aims to train 50,000 chip engineers by 2030, up from about 6,000 today, the Ministry of Planning and Investment said in a 2024 report.",
                "Ministry of Planning and Investment",
                "said",
            )
        ],
        [F("50,000 chip engineers", "count", 50000, "engineers"), F("6,000", "count", 6000, "engineers")],
        [("Vietnam", "GPE"), ("Ministry of Planning and Investment", "ORG")],
    ),
    P(
        "Toyota said in 2023 that it would begin selling cars with solid-state batteries in 2027 or 2028.",
        [
            C(
                "Toyota said in 2023 that it would begin selling cars with solid-state batteries in 2027 or 2028.",
                "Toyota",
                "said",
            )
        ],
        [],
        [("Toyota", "ORG")],
    ),
    P(
        "Baidu's Apollo Go robotaxis will operate in 15 cities by the end of 2026.",
        [C("Baidu's Apollo Go robotaxis will operate in 15 cities by the end of 2026.")],
        [F("15 cities", "count", 15, "cities")],
        [("Baidu", "ORG"), ("Apollo Go", "PRODUCT")],
    ),
    # --- bounds vs hedges ---------------------------------------------------------------
    P(
        "Shein's revenue grew more than 30% last year, the company reportedly told investors.",
        [C("Shein's revenue grew more than 30% last year, the company reportedly told investors.", "Shein", "told")],
        [F("30%", "percent", 30, "percent")],
        [("Shein", "ORG")],
    ),
    P(
        "Xiaomi's electric car unit is estimated to have lost 6.2 billion yuan in 2024.",
        [C("Xiaomi's electric car unit is estimated to have lost 6.2 billion yuan in 2024.")],
        [F("6.2 billion yuan", "money", 6.2e9, "CNY")],
        [("Xiaomi", "ORG")],
    ),
    P(
        "TikTok Shop's sales in Southeast Asia reportedly topped US$16 billion last year.",
        [C("TikTok Shop's sales in Southeast Asia reportedly topped US$16 billion last year.")],
        [F("US$16 billion", "money", 16e9, "USD")],
        [("TikTok Shop", "ORG"), ("Southeast Asia", "LOC")],
    ),
    P(
        "No more than 5% of bank IT budgets in Indonesia go to public cloud services, according to Bank Indonesia.",
        [
            C(
                "No more than 5% of bank IT budgets in Indonesia go to public cloud services, according to Bank Indonesia.",
                "Bank Indonesia",
                "according to",
            )
        ],
        [F("5%", "percent", 5, "percent")],
        [("Indonesia", "GPE"), ("Bank Indonesia", "ORG")],
    ),
    P(
        "Analysts at Jefferies expect Nintendo to sell 15 million to 17 million Switch 2 units in the console's first year.",
        [
            C(
                "Analysts at Jefferies expect Nintendo to sell 15 million to 17 million Switch 2 units in the console's first year.",
                "Jefferies",
                "expect",
            )
        ],
        [F("15 million to 17 million Switch 2 units", "count", 15000000, "units")],
        [("Jefferies", "ORG"), ("Nintendo", "ORG"), ("Switch 2", "PRODUCT")],
    ),
    P(
        "Huawei's share of China's smartphone market rose 3.1 percentage points to 17%, according to Counterpoint Research.",
        [
            C(
                "Huawei's share of China's smartphone market rose 3.1 percentage points to 17%, according to Counterpoint Research.",
                "Counterpoint Research",
                "according to",
            )
        ],
        [F("3.1 percentage points", "percent", 3.1, "percentage points"), F("17%", "percent", 17, "percent")],
        [("Huawei", "ORG"), ("China", "GPE"), ("Counterpoint Research", "ORG")],
    ),
    # --- "no longer" / "no more" ----------------------------------------------------------
    P(
        "Spotify no longer lets free listeners in Japan pick songs on demand, the company said.",
        [
            C(
                "Spotify no longer lets free listeners in Japan pick songs on demand, the company said.",
                "Spotify",
                "said",
            )
        ],
        [],
        [("Spotify", "ORG"), ("Japan", "GPE")],
    ),
    P(
        "There will be no more Surface launches in South Korea, a Microsoft spokesperson said.",
        [
            C(
                "There will be no more Surface launches in South Korea, a Microsoft spokesperson said.",
                "Microsoft",
                "said",
            )
        ],
        [],
        [("Surface", "PRODUCT"), ("South Korea", "GPE"), ("Microsoft", "ORG")],
    ),
    # --- companies named like common nouns ------------------------------------------------
    P(
        "Writer, the San Francisco start-up that builds enterprise chatbots, said its Palmyra models now run inside 300 companies. "
        "The writer also revealed that it had doubled its sales staff.",
        [
            C(
                "Writer, the San Francisco start-up that builds enterprise chatbots, said its Palmyra models now run inside 300 companies.",
                "Writer",
                "said",
            ),
            C("The writer also revealed that it had doubled its sales staff.", "Writer", "revealed"),
        ],
        [F("300 companies", "count", 300, "companies")],
        [("Writer", "ORG"), ("San Francisco", "GPE"), ("Palmyra", "PRODUCT")],
    ),
    P(
        "Notion said it had passed 100 million users. "
        "The company added that half of them lived outside the United States.",
        [
            C("Notion said it had passed 100 million users.", "Notion", "said"),
            C("The company added that half of them lived outside the United States.", "Notion", "added"),
        ],
        [F("100 million users", "count", 100000000, "users"), F("half", "percent", 50, "percent")],
        [("Notion", "ORG"), ("United States", "GPE")],
    ),
    P(
        "Box reported quarterly revenue of US$276 million, up 4%. "
        "Chief executive Aaron Levie said the box had become a place where software agents read and file documents.",
        [
            C("Box reported quarterly revenue of US$276 million, up 4%.", "Box", "reported"),
            C(
                "Chief executive Aaron Levie said the box had become a place where software agents read and file documents.",
                "Aaron Levie",
                "said",
            ),
        ],
        [F("US$276 million", "money", 276e6, "USD"), F("4%", "percent", 4, "percent")],
        [("Box", "ORG"), ("Aaron Levie", "PERSON")],
    ),
    P(
        "Signal does not keep records of who messages whom, the foundation's president Meredith Whittaker said. "
        "The signal from regulators in Brussels has been mixed, she added.",
        [
            C(
                "Signal does not keep records of who messages whom, the foundation's president Meredith Whittaker said.",
                "Meredith Whittaker",
                "said",
            ),
            C("The signal from regulators in Brussels has been mixed, she added.", "Meredith Whittaker", "added"),
        ],
        [],
        [("Signal", "ORG"), ("Meredith Whittaker", "PERSON"), ("Brussels", "GPE")],
    ),
    P(
        "Square said the number of Australian sellers taking payments on their phones grew 60% this year. "
        "The square card reader, it said, would stay on sale.",
        [
            C(
                "Square said the number of Australian sellers taking payments on their phones grew 60% this year.",
                "Square",
                "said",
            ),
            C("The square card reader, it said, would stay on sale.", "Square", "said"),
        ],
        [F("60%", "percent", 60, "percent")],
        [("Square", "ORG")],
    ),
    # --- more ordinary cases, other regions and figure kinds ------------------------------
    P(
        "Tokyo Electric Power warned that demand would peak on Thursday as temperatures in the capital reach 38°C.",
        [
            C(
                "Tokyo Electric Power warned that demand would peak on Thursday as temperatures in the capital reach 38°C.",
                "Tokyo Electric Power",
                "warned",
            )
        ],
        [F("38°C", "temperature", 38, "°C")],
        [("Tokyo Electric Power", "ORG")],
    ),
    P(
        "G42 said its new campus in Abu Dhabi would draw 1.2 GW of power when complete.",
        [C("G42 said its new campus in Abu Dhabi would draw 1.2 GW of power when complete.", "G42", "said")],
        [F("1.2 GW", "quantity", 1.2, "GW")],
        [("G42", "ORG"), ("Abu Dhabi", "GPE")],
    ),
    P(
        "Zepto said it now works with 1.5 lakh delivery partners across India.",
        [C("Zepto said it now works with 1.5 lakh delivery partners across India.", "Zepto", "said")],
        [F("1.5 lakh delivery partners", "count", 150000, "partners")],
        [("Zepto", "ORG"), ("India", "GPE")],
    ),
    P(
        "Grab's chief executive Anthony Tan told Reuters that the company had no plans to merge with GoTo.",
        [
            C(
                "Grab's chief executive Anthony Tan told Reuters that the company had no plans to merge with GoTo.",
                "Anthony Tan",
                "told",
            )
        ],
        [],
        [("Grab", "ORG"), ("Anthony Tan", "PERSON"), ("Reuters", "ORG"), ("GoTo", "ORG")],
    ),
    P(
        "The Digital Markets Act requires Apple to let rival app stores onto the iPhone in Europe, the European Commission said.",
        [
            C(
                "The Digital Markets Act requires Apple to let rival app stores onto the iPhone in Europe, the European Commission said.",
                "European Commission",
                "said",
            )
        ],
        [],
        [
            ("Digital Markets Act", "LAW"),
            ("Apple", "ORG"),
            ("iPhone", "PRODUCT"),
            ("Europe", "LOC"),
            ("European Commission", "ORG"),
        ],
    ),
    P(
        "Taiwan's exports of servers rose 80% in October, according to the Ministry of Finance in Taipei.",
        [
            C(
                "Taiwan's exports of servers rose 80% in October, according to the Ministry of Finance in Taipei.",
                "Ministry of Finance",
                "according to",
            )
        ],
        [F("80%", "percent", 80, "percent")],
        [("Taiwan", "GPE"), ("Ministry of Finance", "ORG"), ("Taipei", "GPE")],
    ),
    P(
        "Atlassian co-founder Mike Cannon-Brookes said Australia should build its own sovereign AI models. "
        "Scott Farquhar, his fellow co-founder, said the cost would run to A$1 billion.",
        [
            C(
                "Atlassian co-founder Mike Cannon-Brookes said Australia should build its own sovereign AI models.",
                "Mike Cannon-Brookes",
                "said",
            ),
            C(
                "Scott Farquhar, his fellow co-founder, said the cost would run to A$1 billion.",
                "Scott Farquhar",
                "said",
            ),
        ],
        [F("A$1 billion", "money", 1e9, "AUD")],
        [("Atlassian", "ORG"), ("Mike Cannon-Brookes", "PERSON"), ("Australia", "GPE"), ("Scott Farquhar", "PERSON")],
    ),
    P(
        "Smartphone shipments in India fell 3% in the quarter, according to Divya Nair, research director at Techarc in New Delhi.",
        [
            C(
                "Smartphone shipments in India fell 3% in the quarter, according to Divya Nair, research director at Techarc in New Delhi.",
                "Divya Nair",
                "according to",
            )
        ],
        [F("3%", "percent", 3, "percent")],
        [("India", "GPE"), ("Divya Nair", "PERSON"), ("Techarc", "ORG"), ("New Delhi", "GPE")],
    ),
    P(
        "“Nobody will pay for a chatbot that forgets what you told it yesterday. Memory is the product,” said Lucía Fernández, founder of the Madrid start-up Recuerda.",
        [
            C(
                "“Nobody will pay for a chatbot that forgets what you told it yesterday. Memory is the product,” said Lucía Fernández, founder of the Madrid start-up Recuerda.",
                "Lucía Fernández",
                "said",
            )
        ],
        [],
        [("Lucía Fernández", "PERSON"), ("Madrid", "GPE"), ("Recuerda", "ORG")],
    ),
    # --- no claim -----------------------------------------------------------------------
    P("Read more: The best budget phones you can buy right now", [], [], []),
    P("Subscribe to our newsletter for the week's biggest stories in tech.", [], [], []),
    P("Is the smartphone market finally bouncing back?", [], [], []),
    P(
        "Photo: Samsung's new foldable on display at a launch event in Seoul.",
        [],
        [],
        [("Samsung", "ORG"), ("Seoul", "GPE")],
    ),
    P("Coming up next: how Indonesia's start-ups are rethinking growth.", [], [], [("Indonesia", "GPE")]),
    P("Frankly, the industry's obsession with ever bigger models has gone too far.", [], [], []),
    P("Tags: Chips, Cloud, Regulation, Taiwan", [], [], [("Taiwan", "GPE")]),
    P("By Ravi Menon, Technology Correspondent", [], [], [("Ravi Menon", "PERSON")]),
    P("Why does every app now want to be a super app?", [], [], []),
    P("Opinion: Europe's tech rules deserve a fairer hearing than they get.", [], [], [("Europe", "LOC")]),
    P("Share this article on LinkedIn or WhatsApp.", [], [], [("LinkedIn", "ORG"), ("WhatsApp", "PRODUCT")]),
    P(
        "Will Samsung's next Galaxy finally close the gap with Apple? Our reviewers will find out next week.",
        [],
        [],
        [("Samsung", "ORG"), ("Galaxy", "PRODUCT"), ("Apple", "ORG")],
    ),
]
