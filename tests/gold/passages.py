"""Hand-labelled tech-news passages written for this project (not copied from anywhere).

Each passage: text; claims (exact claim text, speaker or None, verb or None); figures
(raw, kind, value, unit); entities (name, type). Labelling rules: tests/gold/README.md.
"""

C = dict  # a claim: text, speaker, verb
F = dict  # a figure: raw, kind, value, unit

PASSAGES = [
    dict(
        text="Samsung said on Thursday that operating profit fell 29% to 6.5 trillion won in the quarter.",
        claims=[
            C(
                text="Samsung said on Thursday that operating profit fell 29% to 6.5 trillion won in the quarter.",
                speaker="Samsung",
                verb="said",
            )
        ],
        figures=[
            F(raw="29%", kind="percent", value=29, unit="percent"),
            F(raw="6.5 trillion won", kind="money", value=6.5e12, unit="KRW"),
        ],
        entities=[("Samsung", "ORG")],
    ),
    dict(
        text="Cloud revenue rose to US$28.9 billion, said Alphabet chief financial officer Anat Ashkenazi.",
        claims=[
            C(
                text="Cloud revenue rose to US$28.9 billion, said Alphabet chief financial officer Anat Ashkenazi.",
                speaker="Anat Ashkenazi",
                verb="said",
            )
        ],
        figures=[F(raw="US$28.9 billion", kind="money", value=28.9e9, unit="USD")],
        entities=[("Alphabet", "ORG"), ("Anat Ashkenazi", "PERSON")],
    ),
    dict(
        text="According to Counterpoint Research, foldable phone shipments grew 12% in the first half.",
        claims=[
            C(
                text="According to Counterpoint Research, foldable phone shipments grew 12% in the first half.",
                speaker="Counterpoint Research",
                verb="according to",
            )
        ],
        figures=[F(raw="12%", kind="percent", value=12, unit="percent")],
        entities=[("Counterpoint Research", "ORG")],
    ),
    dict(
        text="In a report, IDC estimates that spending on AI infrastructure will reach $200 billion by 2028.",
        claims=[
            C(
                text="In a report, IDC estimates that spending on AI infrastructure will reach $200 billion by 2028.",
                speaker="IDC",
                verb="estimates",
            )
        ],
        figures=[F(raw="$200 billion", kind="money", value=200e9, unit="USD")],
        entities=[("IDC", "ORG")],
    ),
    dict(
        text="Microsoft CEO Satya Nadella told investors that Azure grew 33% in the quarter.",
        claims=[
            C(
                text="Microsoft CEO Satya Nadella told investors that Azure grew 33% in the quarter.",
                speaker="Satya Nadella",
                verb="told",
            )
        ],
        figures=[F(raw="33%", kind="percent", value=33, unit="percent")],
        entities=[("Microsoft", "ORG"), ("Satya Nadella", "PERSON"), ("Azure", "PRODUCT")],
    ),
    dict(
        text="“We are not building a phone,” Sam Altman said. “We are building a new kind of computer.”",
        claims=[
            C(text="“We are not building a phone,” Sam Altman said.", speaker="Sam Altman", verb="said"),
            C(text="“We are building a new kind of computer.”", speaker="Sam Altman", verb="said"),
        ],
        figures=[],
        entities=[("Sam Altman", "PERSON")],
    ),
    dict(
        text="Jensen Huang spoke for two hours at the keynote.\nHe said demand for Blackwell chips was “insane”.",
        claims=[C(text="He said demand for Blackwell chips was “insane”.", speaker="Jensen Huang", verb="said")],
        figures=[],
        entities=[("Jensen Huang", "PERSON"), ("Blackwell", "PRODUCT")],
    ),
    dict(text="The conference was held in a hotel ballroom near the river.", claims=[], figures=[], entities=[]),
    dict(text="Will the new chip be enough to win back customers?", claims=[], figures=[], entities=[]),
    dict(
        text="Intel said it would cut about 15% of its workforce, or roughly 15,000 jobs.",
        claims=[
            C(
                text="Intel said it would cut about 15% of its workforce, or roughly 15,000 jobs.",
                speaker="Intel",
                verb="said",
            )
        ],
        figures=[
            F(raw="15%", kind="percent", value=15, unit="percent"),
            F(raw="15,000 jobs", kind="count", value=15000, unit="jobs"),
        ],
        entities=[("Intel", "ORG")],
    ),
    dict(
        text="The EU can fine companies up to €35 million or 7% of global turnover under the AI Act.",
        claims=[
            C(
                text="The EU can fine companies up to €35 million or 7% of global turnover under the AI Act.",
                speaker=None,
                verb=None,
            )
        ],
        figures=[
            F(raw="€35 million", kind="money", value=35e6, unit="EUR"),
            F(raw="7%", kind="percent", value=7, unit="percent"),
        ],
        entities=[("EU", "ORG"), ("AI Act", "LAW")],
    ),
    dict(
        text="TSMC plans to spend between $38 billion and $42 billion on capital projects this year, the company said.",
        claims=[
            C(
                text="TSMC plans to spend between $38 billion and $42 billion on capital projects this year, the company said.",
                speaker="TSMC",
                verb="said",
            )
        ],
        figures=[
            F(raw="$38 billion and $42 billion", kind="money", value=38e9, unit="USD")
        ],  # a range: its lower bound (README)
        entities=[("TSMC", "ORG")],
    ),
    dict(
        text="The startup raised S$50 million in a round led by Temasek.",
        claims=[C(text="The startup raised S$50 million in a round led by Temasek.", speaker=None, verb=None)],
        figures=[F(raw="S$50 million", kind="money", value=50e6, unit="SGD")],
        entities=[("Temasek", "ORG")],
    ),
    dict(
        text="Meta's Llama models have been downloaded more than 650 million times, Mark Zuckerberg wrote in a post.",
        claims=[
            C(
                text="Meta's Llama models have been downloaded more than 650 million times, Mark Zuckerberg wrote in a post.",
                speaker="Mark Zuckerberg",
                verb="wrote",
            )
        ],
        figures=[F(raw="650 million times", kind="multiplier", value=650e6, unit="times")],
        entities=[("Meta", "ORG"), ("Llama", "PRODUCT"), ("Mark Zuckerberg", "PERSON")],
    ),
    dict(
        text="The data centre keeps its cold aisle at 26°C, well above the industry norm.",
        claims=[
            C(
                text="The data centre keeps its cold aisle at 26°C, well above the industry norm.",
                speaker=None,
                verb=None,
            )
        ],
        figures=[F(raw="26°C", kind="temperature", value=26, unit="°C")],
        entities=[],
    ),
    dict(
        text="Apple did not say when the feature would reach users in Europe.",
        # narration about Apple, not a claim by it (issue 16): no speaker, no reporting verb
        claims=[C(text="Apple did not say when the feature would reach users in Europe.", speaker=None, verb=None)],
        figures=[],
        entities=[("Apple", "ORG"), ("Europe", "LOC")],
    ),
    dict(
        text="Analysts at Bernstein expect memory prices to rise as much as 20% next quarter.",
        claims=[
            C(
                text="Analysts at Bernstein expect memory prices to rise as much as 20% next quarter.",
                speaker="Bernstein",
                verb="expect",
            )
        ],
        figures=[F(raw="20%", kind="percent", value=20, unit="percent")],
        entities=[("Bernstein", "ORG")],
    ),
    dict(text="Sign up for our newsletter to get the top stories every morning.", claims=[], figures=[], entities=[]),
    dict(
        text="Amazon Web Services said the outage lasted nearly three hours and affected customers in Virginia.",
        claims=[
            C(
                text="Amazon Web Services said the outage lasted nearly three hours and affected customers in Virginia.",
                speaker="Amazon Web Services",
                verb="said",
            )
        ],
        figures=[F(raw="three hours", kind="duration", value=3, unit="hours")],
        entities=[("Amazon Web Services", "ORG"), ("Virginia", "GPE")],
    ),
    dict(
        text="The new campus will need 1.2 GW of power when it opens in 2027, according to the utility.",
        claims=[
            C(
                text="The new campus will need 1.2 GW of power when it opens in 2027, according to the utility.",
                speaker="the utility",
                verb="according to",
            )
        ],
        figures=[F(raw="1.2 GW", kind="quantity", value=1.2, unit="GW")],
        entities=[],
    ),
    dict(
        text="xAI has built a cluster of 100,000 GPUs in Memphis, Elon Musk said on X.",
        claims=[
            C(
                text="xAI has built a cluster of 100,000 GPUs in Memphis, Elon Musk said on X.",
                speaker="Elon Musk",
                verb="said",
            )
        ],
        figures=[F(raw="100,000 GPUs", kind="count", value=100000, unit="GPUs")],
        entities=[("xAI", "ORG"), ("Memphis", "GPE"), ("Elon Musk", "PERSON"), ("X", "ORG")],
    ),
    dict(
        text="Ransomware payments fell 35% last year to about $814 million, Chainalysis estimated.",
        claims=[
            C(
                text="Ransomware payments fell 35% last year to about $814 million, Chainalysis estimated.",
                speaker="Chainalysis",
                verb="estimated",
            )
        ],
        figures=[
            F(raw="35%", kind="percent", value=35, unit="percent"),
            F(raw="$814 million", kind="money", value=814e6, unit="USD"),
        ],
        entities=[("Chainalysis", "ORG")],
    ),
    dict(text="We think this is the most exciting time to build software.", claims=[], figures=[], entities=[]),
    dict(
        text="Nvidia's market value dropped by nearly $600bn in a single day.",
        claims=[C(text="Nvidia's market value dropped by nearly $600bn in a single day.", speaker=None, verb=None)],
        figures=[F(raw="$600bn", kind="money", value=600e9, unit="USD")],
        entities=[("Nvidia", "ORG")],
    ),
    dict(
        text="Sundar Pichai, Google's chief executive, said the company would invest $75 billion this year.",
        claims=[
            C(
                text="Sundar Pichai, Google's chief executive, said the company would invest $75 billion this year.",
                speaker="Sundar Pichai",
                verb="said",
            )
        ],
        figures=[F(raw="$75 billion", kind="money", value=75e9, unit="USD")],
        entities=[("Sundar Pichai", "PERSON"), ("Google", "ORG")],
    ),
    dict(
        text="The battery pack charges from 10% to 80% in 18 minutes, BYD claimed.",
        claims=[
            C(
                text="The battery pack charges from 10% to 80% in 18 minutes, BYD claimed.",
                speaker="BYD",
                verb="claimed",
            )
        ],
        figures=[
            F(raw="10% to 80%", kind="percent", value=10, unit="percent"),
            F(raw="18 minutes", kind="duration", value=18, unit="minutes"),
        ],
        entities=[("BYD", "ORG")],
    ),
    dict(text="Read more: our full coverage of the chip war.", claims=[], figures=[], entities=[]),
    dict(
        text="The regulator warned that the merger could raise cloud prices for smaller firms.",
        claims=[
            C(
                text="The regulator warned that the merger could raise cloud prices for smaller firms.",
                speaker="The regulator",
                verb="warned",
            )
        ],
        figures=[],
        entities=[],
    ),
    dict(
        text="OpenAI's ChatGPT now has 400 million weekly users, the company said.",
        claims=[
            C(
                text="OpenAI's ChatGPT now has 400 million weekly users, the company said.",
                speaker="OpenAI",
                verb="said",
            )
        ],
        figures=[F(raw="400 million weekly users", kind="count", value=400e6, unit="users")],
        entities=[("OpenAI", "ORG"), ("ChatGPT", "PRODUCT")],
    ),
    dict(
        text="Qualcomm's chips are about three times faster than last year's, the company claimed at the launch.",
        claims=[
            C(
                text="Qualcomm's chips are about three times faster than last year's, the company claimed at the launch.",
                speaker="Qualcomm",
                verb="claimed",
            )
        ],
        figures=[F(raw="three times", kind="multiplier", value=3, unit="times")],
        entities=[("Qualcomm", "ORG")],
    ),
    # issue 16: attribution errors met on the sample site, each pattern in new words
    dict(  # a pronoun points back to the nearest preceding subject, not the article's main speaker
        text=(
            "Marta Ruiz, an analyst at Orbis Research, spoke after Sam Altman at the summit. "
            "Altman said demand for chips would keep rising. Ruiz framed the problem as one of power. "
            "Grid capacity keeps falling behind demand, she argued, and new plants take years to build."
        ),
        claims=[
            C(text="Altman said demand for chips would keep rising.", speaker="Sam Altman", verb="said"),
            C(
                text="Grid capacity keeps falling behind demand, she argued, and new plants take years to build.",
                speaker="Marta Ruiz",
                verb="argued",
            ),
        ],
        figures=[],
        entities=[("Marta Ruiz", "PERSON"), ("Orbis Research", "ORG"), ("Sam Altman", "PERSON")],
    ),
    dict(  # narration about a person is a claim about them, not by them; "the company" is Meta
        text=(
            "Mark Zuckerberg did not say how Meta would pay for the new data centres. "
            "The company said revenue rose 22% in the quarter."
        ),
        claims=[
            C(text="Mark Zuckerberg did not say how Meta would pay for the new data centres.", speaker=None, verb=None),
            C(text="The company said revenue rose 22% in the quarter.", speaker="Meta", verb="said"),
        ],
        figures=[F(raw="22%", kind="percent", value=22, unit="percent")],
        entities=[("Mark Zuckerberg", "PERSON"), ("Meta", "ORG")],
    ),
    dict(  # "laid out" and "outlined" report when followed by content
        text="Lisa Su laid out AMD's plans for its next accelerators. She also outlined a cheaper line of chips for laptops.",
        claims=[
            C(text="Lisa Su laid out AMD's plans for its next accelerators.", speaker="Lisa Su", verb="laid out"),
            C(text="She also outlined a cheaper line of chips for laptops.", speaker="Lisa Su", verb="outlined"),
        ],
        figures=[],
        entities=[("Lisa Su", "PERSON"), ("AMD", "ORG")],
    ),
    dict(  # a role after the name runs to the end of the title
        text=(
            "Google defended the deal. Priya Nair, the company's senior vice-president of cloud infrastructure, "
            "said the contract would run for five years."
        ),
        claims=[
            C(
                text=(
                    "Priya Nair, the company's senior vice-president of cloud infrastructure, "
                    "said the contract would run for five years."
                ),
                speaker="Priya Nair",
                verb="said",
            )
        ],
        figures=[F(raw="five years", kind="duration", value=5, unit="years")],
        entities=[("Google", "ORG"), ("Priya Nair", "PERSON")],
    ),
    dict(  # numbers inside product names are not figures
        text="AMD said the Radeon RX 9070 would sell for $549 from March.",
        claims=[C(text="AMD said the Radeon RX 9070 would sell for $549 from March.", speaker="AMD", verb="said")],
        figures=[F(raw="$549", kind="money", value=549, unit="USD")],
        entities=[("AMD", "ORG"), ("Radeon RX 9070", "PRODUCT")],
    ),
    dict(  # two years in one sentence: each figure keeps its own
        text=(
            "Dell said it shipped 2.1 million AI servers so far in 2025, "
            "compared with 1.4 million servers in the whole of 2024."
        ),
        claims=[
            C(
                text=(
                    "Dell said it shipped 2.1 million AI servers so far in 2025, "
                    "compared with 1.4 million servers in the whole of 2024."
                ),
                speaker="Dell",
                verb="said",
            )
        ],
        figures=[
            F(raw="2.1 million AI servers", kind="count", value=2.1e6, unit="servers"),
            F(raw="1.4 million servers", kind="count", value=1.4e6, unit="servers"),
        ],
        entities=[("Dell", "ORG")],
    ),
    dict(  # generic nouns are no speaker; "the writer" is the company Writer named before
        text=(
            "Writer, a San Francisco start-up, sells models to banks. Research has shown that small models "
            "can match large ones on narrow tasks. The writer revealed that its newest model was trained on "
            "synthetic text."
        ),
        claims=[
            C(
                text="Research has shown that small models can match large ones on narrow tasks.",
                speaker=None,
                verb="shown",
            ),
            C(
                text="The writer revealed that its newest model was trained on synthetic text.",
                speaker="Writer",
                verb="revealed",
            ),
        ],
        figures=[],
        entities=[("Writer", "ORG"), ("San Francisco", "GPE")],
    ),
]
