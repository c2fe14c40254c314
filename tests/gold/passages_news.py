"""Independent gold set: tech-news passages written fresh for issue 3 (not copied from the
web, the seed files, the sample site or any eval set), labelled by hand from the rules in
tests/gold/README.md before the pipeline was run on them.

Same shape as passages.py: text; claims (exact text, speaker or None, verb or None);
figures (raw, kind, value, unit); entities (name, type).
"""


def C(text, speaker=None, verb=None):
    return dict(text=text, speaker=speaker, verb=verb)


def F(raw, kind, value, unit):
    return dict(raw=raw, kind=kind, value=value, unit=unit)


def P(text, claims=(), figures=(), entities=()):
    return dict(text=text, claims=list(claims), figures=list(figures), entities=list(entities))


S = C  # a claim that is the whole sentence is still written out in full

PASSAGES = [
    # --- "X said" / "said X" -------------------------------------------------------------
    P(
        "TSMC said on Friday that revenue from its advanced packaging lines rose 41% from a year earlier.",
        [
            C(
                "TSMC said on Friday that revenue from its advanced packaging lines rose 41% from a year earlier.",
                "TSMC",
                "said",
            )
        ],
        [F("41%", "percent", 41, "percent")],
        [("TSMC", "ORG")],
    ),
    P(
        "Demand for high-bandwidth memory will stay tight until the middle of next year, said SK Hynix.",
        [
            C(
                "Demand for high-bandwidth memory will stay tight until the middle of next year, said SK Hynix.",
                "SK Hynix",
                "said",
            )
        ],
        [],
        [("SK Hynix", "ORG")],
    ),
    P(
        "Grab said it had cut its cash burn to US$12 million in the quarter, down from US$96 million a year ago.",
        [
            C(
                "Grab said it had cut its cash burn to US$12 million in the quarter, down from US$96 million a year ago.",
                "Grab",
                "said",
            )
        ],
        [F("US$12 million", "money", 12e6, "USD"), F("US$96 million", "money", 96e6, "USD")],
        [("Grab", "ORG")],
    ),
    P(
        "“Nobody is going to rent a GPU for a chatbot that gives wrong answers,” said Priya Raman, an analyst at Bernstein.",
        [
            C(
                "“Nobody is going to rent a GPU for a chatbot that gives wrong answers,” said Priya Raman, an analyst at Bernstein.",
                "Priya Raman",
                "said",
            )
        ],
        [],
        [("Priya Raman", "PERSON"), ("Bernstein", "ORG")],
    ),
    P(
        "Sea Ltd said its e-commerce arm Shopee turned a profit for the third straight quarter. The company did not give a figure.",
        [
            C(
                "Sea Ltd said its e-commerce arm Shopee turned a profit for the third straight quarter.",
                "Sea Ltd",
                "said",
            )
        ],
        [],
        [("Sea Ltd", "ORG"), ("Shopee", "ORG")],
    ),
    P(
        "Infosys says it will hire 20,000 graduates this financial year, fewer than it took on two years ago.",
        [
            C(
                "Infosys says it will hire 20,000 graduates this financial year, fewer than it took on two years ago.",
                "Infosys",
                "says",
            )
        ],
        [F("20,000 graduates", "count", 20000, "graduates")],
        [("Infosys", "ORG")],
    ),
    P(
        "The outage lasted about four hours, said a spokesperson for Singtel.",
        [C("The outage lasted about four hours, said a spokesperson for Singtel.", "Singtel", "said")],
        [F("four hours", "duration", 4, "hours")],
        [("Singtel", "ORG")],
    ),
    P(
        "Arm said royalties from smartphone chips doubled after customers moved to its newest designs.",
        [
            C(
                "Arm said royalties from smartphone chips doubled after customers moved to its newest designs.",
                "Arm",
                "said",
            )
        ],
        [],
        [("Arm", "ORG")],
    ),
    P(
        "Xiaomi shipped 13.2 million phones in Southeast Asia last quarter, the company said.",
        [C("Xiaomi shipped 13.2 million phones in Southeast Asia last quarter, the company said.", "Xiaomi", "said")],
        [F("13.2 million phones", "count", 13.2e6, "phones")],
        [("Xiaomi", "ORG"), ("Southeast Asia", "LOC")],
    ),
    P(
        "Mistral AI said Le Chat had passed one million downloads within two weeks of launch.",
        [
            C(
                "Mistral AI said Le Chat had passed one million downloads within two weeks of launch.",
                "Mistral AI",
                "said",
            )
        ],
        [F("one million downloads", "count", 1e6, "downloads"), F("two weeks", "duration", 2, "weeks")],
        [("Mistral AI", "ORG"), ("Le Chat", "PRODUCT")],
    ),
    # --- "according to X" ----------------------------------------------------------------
    P(
        "According to Canalys, Apple's share of the Indian smartphone market reached 9% in the second quarter.",
        [
            C(
                "According to Canalys, Apple's share of the Indian smartphone market reached 9% in the second quarter.",
                "Canalys",
                "according to",
            )
        ],
        [F("9%", "percent", 9, "percent")],
        [("Canalys", "ORG"), ("Apple", "ORG")],
    ),
    P(
        "Data centres could consume 945 TWh of electricity a year by 2030, according to the International Energy Agency.",
        [
            C(
                "Data centres could consume 945 TWh of electricity a year by 2030, according to the International Energy Agency.",
                "International Energy Agency",
                "according to",
            )
        ],
        [F("945 TWh", "quantity", 945, "TWh")],
        [("International Energy Agency", "ORG")],
    ),
    P(
        "Venture funding for Indonesian start-ups fell by more than half last year, according to a report from DealStreetAsia.",
        [
            C(
                "Venture funding for Indonesian start-ups fell by more than half last year, according to a report from DealStreetAsia.",
                "DealStreetAsia",
                "according to",
            )
        ],
        [F("half", "percent", 50, "percent")],
        [("DealStreetAsia", "ORG")],
    ),
    P(
        "The deal values the start-up at ¥150 billion, according to two people familiar with the matter.",
        [
            C(
                "The deal values the start-up at ¥150 billion, according to two people familiar with the matter.",
                "two people familiar with the matter",
                "according to",
            )
        ],
        [F("¥150 billion", "money", 150e9, "JPY")],
        [],
    ),
    P(
        "According to Gartner, worldwide spending on public cloud services will grow 21% to US$723 billion in 2025.",
        [
            C(
                "According to Gartner, worldwide spending on public cloud services will grow 21% to US$723 billion in 2025.",
                "Gartner",
                "according to",
            )
        ],
        [F("21%", "percent", 21, "percent"), F("US$723 billion", "money", 723e9, "USD")],
        [("Gartner", "ORG")],
    ),
    P(
        "Shipments of AI PCs made up 14% of all PCs shipped in the quarter, according to IDC figures released on Tuesday.",
        [
            C(
                "Shipments of AI PCs made up 14% of all PCs shipped in the quarter, according to IDC figures released on Tuesday.",
                "IDC",
                "according to",
            )
        ],
        [F("14%", "percent", 14, "percent")],
        [("IDC", "ORG")],
    ),
    # --- "X's CEO Y told" / titles -------------------------------------------------------
    P(
        "Nvidia's chief executive Jensen Huang told reporters in Taipei that Blackwell was in full production.",
        [
            C(
                "Nvidia's chief executive Jensen Huang told reporters in Taipei that Blackwell was in full production.",
                "Jensen Huang",
                "told",
            )
        ],
        [],
        [("Nvidia", "ORG"), ("Jensen Huang", "PERSON"), ("Taipei", "GPE"), ("Blackwell", "PRODUCT")],
    ),
    P(
        "Anthropic CEO Dario Amodei told a Senate hearing that powerful models could arrive by 2027.",
        [
            C(
                "Anthropic CEO Dario Amodei told a Senate hearing that powerful models could arrive by 2027.",
                "Dario Amodei",
                "told",
            )
        ],
        [],
        [("Anthropic", "ORG"), ("Dario Amodei", "PERSON"), ("Senate", "ORG")],
    ),
    P(
        "Alibaba Cloud's president Eddie Wu told analysts the unit would spend 380 billion yuan on infrastructure over three years.",
        [
            C(
                "Alibaba Cloud's president Eddie Wu told analysts the unit would spend 380 billion yuan on infrastructure over three years.",
                "Eddie Wu",
                "told",
            )
        ],
        [F("380 billion yuan", "money", 380e9, "CNY"), F("three years", "duration", 3, "years")],
        [("Alibaba Cloud", "ORG"), ("Eddie Wu", "PERSON")],
    ),
    P(
        "Samsung Electronics co-CEO Jun Young-hyun told shareholders the company had been slow to react to the HBM boom.",
        [
            C(
                "Samsung Electronics co-CEO Jun Young-hyun told shareholders the company had been slow to react to the HBM boom.",
                "Jun Young-hyun",
                "told",
            )
        ],
        [],
        [("Samsung Electronics", "ORG"), ("Jun Young-hyun", "PERSON")],
    ),
    P(
        "Lisa Su, AMD's chief executive, said the MI350 accelerator would ship in the third quarter.",
        [
            C(
                "Lisa Su, AMD's chief executive, said the MI350 accelerator would ship in the third quarter.",
                "Lisa Su",
                "said",
            )
        ],
        [],
        [("Lisa Su", "PERSON"), ("AMD", "ORG"), ("MI350", "PRODUCT")],
    ),
    P(
        "Meta chief technology officer Andrew Bosworth told staff in a memo that the company would cut 5% of its Reality Labs workforce.",
        [
            C(
                "Meta chief technology officer Andrew Bosworth told staff in a memo that the company would cut 5% of its Reality Labs workforce.",
                "Andrew Bosworth",
                "told",
            )
        ],
        [F("5%", "percent", 5, "percent")],
        [("Meta", "ORG"), ("Andrew Bosworth", "PERSON"), ("Reality Labs", "ORG")],
    ),
    P(
        "Sundar Pichai, the chief executive of Alphabet, said more than a quarter of new code at Google is now written by AI.",
        [
            C(
                "Sundar Pichai, the chief executive of Alphabet, said more than a quarter of new code at Google is now written by AI.",
                "Sundar Pichai",
                "said",
            )
        ],
        [F("a quarter", "percent", 25, "percent")],
        [("Sundar Pichai", "PERSON"), ("Alphabet", "ORG"), ("Google", "ORG")],
    ),
    # --- "in a report, X estimates", hedges --------------------------------------------
    P(
        "In a report, Counterpoint Research estimates that foldables will account for 3% of global smartphone shipments in 2026.",
        [
            C(
                "In a report, Counterpoint Research estimates that foldables will account for 3% of global smartphone shipments in 2026.",
                "Counterpoint Research",
                "estimates",
            )
        ],
        [F("3%", "percent", 3, "percent")],
        [("Counterpoint Research", "ORG")],
    ),
    P(
        "In its annual outlook, McKinsey estimates generative AI could add between US$2.6 trillion and US$4.4 trillion a year to the global economy.",
        [
            C(
                "In its annual outlook, McKinsey estimates generative AI could add between US$2.6 trillion and US$4.4 trillion a year to the global economy.",
                "McKinsey",
                "estimates",
            )
        ],
        [F("US$2.6 trillion and US$4.4 trillion", "money", 2.6e12, "USD")],
        [("McKinsey", "ORG")],
    ),
    P(
        "TrendForce expects HBM prices to rise between 5% and 10% next year as supply stays short.",
        [
            C(
                "TrendForce expects HBM prices to rise between 5% and 10% next year as supply stays short.",
                "TrendForce",
                "expects",
            )
        ],
        [F("5% and 10%", "percent", 5, "percent")],
        [("TrendForce", "ORG")],
    ),
    P(
        "The chip shortage may last into 2026, Bain & Company warned in a note to clients.",
        [
            C(
                "The chip shortage may last into 2026, Bain & Company warned in a note to clients.",
                "Bain & Company",
                "warned",
            )
        ],
        [],
        [("Bain & Company", "ORG")],
    ),
    P(
        "Analysts at Morgan Stanley estimate that Microsoft could spend as much as $80 billion on data centres in the fiscal year.",
        [
            C(
                "Analysts at Morgan Stanley estimate that Microsoft could spend as much as $80 billion on data centres in the fiscal year.",
                "Morgan Stanley",
                "estimate",
            )
        ],
        [F("$80 billion", "money", 80e9, "USD")],
        [("Morgan Stanley", "ORG"), ("Microsoft", "ORG")],
    ),
    P(
        "Rising memory costs could push the average price of a laptop up by roughly 8%, Omdia said.",
        [
            C(
                "Rising memory costs could push the average price of a laptop up by roughly 8%, Omdia said.",
                "Omdia",
                "said",
            )
        ],
        [F("8%", "percent", 8, "percent")],
        [("Omdia", "ORG")],
    ),
    # --- quotes spanning sentences, pronouns -------------------------------------------
    P(
        "“We underestimated how fast inference demand would grow. Our clusters were full within weeks,” said Arthur Mensch, chief executive of Mistral AI.",
        [
            C(
                "“We underestimated how fast inference demand would grow. Our clusters were full within weeks,” said Arthur Mensch, chief executive of Mistral AI.",
                "Arthur Mensch",
                "said",
            )
        ],
        [],
        [("Arthur Mensch", "PERSON"), ("Mistral AI", "ORG")],
    ),
    P(
        "Masayoshi Son spoke at length at SoftBank's annual meeting. He said the group would invest ¥10 trillion in AI over the next decade.",
        [C("He said the group would invest ¥10 trillion in AI over the next decade.", "Masayoshi Son", "said")],
        [F("¥10 trillion", "money", 10e12, "JPY")],
        [("Masayoshi Son", "PERSON"), ("SoftBank", "ORG")],
    ),
    P(
        "Kai-Fu Lee founded 01.AI in 2023. He told the Financial Times the start-up would stop training giant models.",
        [C("He told the Financial Times the start-up would stop training giant models.", "Kai-Fu Lee", "told")],
        [],
        [("Kai-Fu Lee", "PERSON"), ("01.AI", "ORG"), ("Financial Times", "ORG")],
    ),
    P(
        "“It is not a bubble,” Huang said. “It is the beginning of a new industrial revolution.”",
        [
            C("“It is not a bubble,” Huang said.", "Huang", "said"),
            C("“It is the beginning of a new industrial revolution.”", "Huang", "said"),
        ],
        [],
        [("Huang", "PERSON")],
    ),
    P(
        "Anne Neuberger, a former White House adviser, has long argued for tougher rules on telecom equipment. She said on Monday that Chinese-made routers remained a risk to US networks.",
        [C("She said on Monday that Chinese-made routers remained a risk to US networks.", "Anne Neuberger", "said")],
        [],
        [("Anne Neuberger", "PERSON"), ("White House", "ORG"), ("US", "GPE")],
    ),
    P(
        "Satya Nadella opened the conference with a demo of Copilot agents. Later, he told developers that Microsoft would open-source parts of its agent runtime.",
        [
            C(
                "Later, he told developers that Microsoft would open-source parts of its agent runtime.",
                "Satya Nadella",
                "told",
            )
        ],
        [],
        [("Satya Nadella", "PERSON"), ("Copilot", "PRODUCT"), ("Microsoft", "ORG")],
    ),
    P(
        "“The subsidies are not enough,” Lip-Bu Tan said. “We need customers, and we need them this year. Without them the Ohio plant will wait.”",
        [
            C("“The subsidies are not enough,” Lip-Bu Tan said.", "Lip-Bu Tan", "said"),
            C(
                "“We need customers, and we need them this year. Without them the Ohio plant will wait.”",
                "Lip-Bu Tan",
                "said",
            ),
        ],
        [],
        [("Lip-Bu Tan", "PERSON"), ("Ohio", "GPE")],
    ),
    # --- negations ------------------------------------------------------------------------
    P(
        "OpenAI said it had no plans to release the weights of GPT-4o.",
        [C("OpenAI said it had no plans to release the weights of GPT-4o.", "OpenAI", "said")],
        [],
        [("OpenAI", "ORG"), ("GPT-4o", "PRODUCT")],
    ),
    P(
        "Apple denied that it was building its own search engine, a spokesperson said.",
        [C("Apple denied that it was building its own search engine, a spokesperson said.", "a spokesperson", "said")],
        [],
        [("Apple", "ORG")],
    ),
    P(
        "The ministry said no customer data had been accessed in the breach.",
        [C("The ministry said no customer data had been accessed in the breach.", "The ministry", "said")],
        [],
        [],
    ),
    P(
        "Huawei will not sell its Ascend chips outside China this year, the company told distributors.",
        [
            C(
                "Huawei will not sell its Ascend chips outside China this year, the company told distributors.",
                "Huawei",
                "told",
            )
        ],
        [],
        [("Huawei", "ORG"), ("Ascend", "PRODUCT"), ("China", "GPE")],
    ),
    P(
        "Rakuten Mobile has not yet turned an operating profit, chief executive Sharad Sriwastawa said.",
        [
            C(
                "Rakuten Mobile has not yet turned an operating profit, chief executive Sharad Sriwastawa said.",
                "Sharad Sriwastawa",
                "said",
            )
        ],
        [],
        [("Rakuten Mobile", "ORG"), ("Sharad Sriwastawa", "PERSON")],
    ),
    # --- predictions with target dates -------------------------------------------------
    P(
        "Vietnam wants to train 50,000 semiconductor engineers by 2030, the Ministry of Planning and Investment said.",
        [
            C(
                "Vietnam wants to train 50,000 semiconductor engineers by 2030, the Ministry of Planning and Investment said.",
                "Ministry of Planning and Investment",
                "said",
            )
        ],
        [F("50,000 semiconductor engineers", "count", 50000, "engineers")],
        [("Vietnam", "GPE"), ("Ministry of Planning and Investment", "ORG")],
    ),
    P(
        "Rapidus plans to start mass production of 2nm chips in Hokkaido in 2027.",
        [C("Rapidus plans to start mass production of 2nm chips in Hokkaido in 2027.")],
        [F("2nm", "quantity", 2, "nm")],
        [("Rapidus", "ORG"), ("Hokkaido", "GPE")],
    ),
    P(
        "By 2028, more than half of enterprise software will include agentic features, Forrester predicts.",
        [
            C(
                "By 2028, more than half of enterprise software will include agentic features, Forrester predicts.",
                "Forrester",
                "predicts",
            )
        ],
        [F("half", "percent", 50, "percent")],
        [("Forrester", "ORG")],
    ),
    P(
        "India's electronics exports will reach US$120 billion by 2030, minister Ashwini Vaishnaw said.",
        [
            C(
                "India's electronics exports will reach US$120 billion by 2030, minister Ashwini Vaishnaw said.",
                "Ashwini Vaishnaw",
                "said",
            )
        ],
        [F("US$120 billion", "money", 120e9, "USD")],
        [("India", "GPE"), ("Ashwini Vaishnaw", "PERSON")],
    ),
    P(
        "Malaysia expects its data-centre capacity to triple to 5 GW by the end of 2027.",
        [C("Malaysia expects its data-centre capacity to triple to 5 GW by the end of 2027.")],
        [F("5 GW", "quantity", 5, "GW")],
        [("Malaysia", "GPE")],
    ),
    P(
        "The European Commission wants 20% of the world's chips to be made in Europe by 2030, a target auditors have called unrealistic.",
        [
            C(
                "The European Commission wants 20% of the world's chips to be made in Europe by 2030, a target auditors have called unrealistic."
            )
        ],
        [F("20%", "percent", 20, "percent")],
        [("European Commission", "ORG"), ("Europe", "LOC")],
    ),
    # --- figures of every kind ----------------------------------------------------------
    P(
        "The Singapore start-up raised S$25 million in a Series B round led by Temasek.",
        [C("The Singapore start-up raised S$25 million in a Series B round led by Temasek.")],
        [F("S$25 million", "money", 25e6, "SGD")],
        [("Singapore", "GPE"), ("Temasek", "ORG")],
    ),
    P(
        "Zepto raised ₹3,000 crore from domestic investors, the Bengaluru company said in a filing.",
        [
            C(
                "Zepto raised ₹3,000 crore from domestic investors, the Bengaluru company said in a filing.",
                "Zepto",
                "said",
            )
        ],
        [F("₹3,000 crore", "money", 30e9, "INR")],
        [("Zepto", "ORG"), ("Bengaluru", "GPE")],
    ),
    P(
        "The French start-up closed a €2bn round at a valuation of €11.7bn.",
        [C("The French start-up closed a €2bn round at a valuation of €11.7bn.")],
        [F("€2bn", "money", 2e9, "EUR"), F("€11.7bn", "money", 11.7e9, "EUR")],
        [],
    ),
    P(
        "Its annual recurring revenue passed $700K in March, co-founder Maya Lin wrote on LinkedIn.",
        [
            C(
                "Its annual recurring revenue passed $700K in March, co-founder Maya Lin wrote on LinkedIn.",
                "Maya Lin",
                "wrote",
            )
        ],
        [F("$700K", "money", 700e3, "USD")],
        [("Maya Lin", "PERSON"), ("LinkedIn", "ORG")],
    ),
    P(
        "The UK's Competition and Markets Authority fined the firm £4.2 million for misleading customers.",
        [C("The UK's Competition and Markets Authority fined the firm £4.2 million for misleading customers.")],
        [F("£4.2 million", "money", 4.2e6, "GBP")],
        [("UK", "GPE"), ("Competition and Markets Authority", "ORG")],
    ),
    P(
        "xAI's Colossus cluster in Memphis now runs 200,000 GPUs and draws about 300 MW, the company said.",
        [
            C(
                "xAI's Colossus cluster in Memphis now runs 200,000 GPUs and draws about 300 MW, the company said.",
                "xAI",
                "said",
            )
        ],
        [F("200,000 GPUs", "count", 200000, "GPUs"), F("300 MW", "quantity", 300, "MW")],
        [("xAI", "ORG"), ("Colossus", "PRODUCT"), ("Memphis", "GPE")],
    ),
    P(
        "Inference on the new chip is three times faster than on the previous generation, Cerebras claims.",
        [
            C(
                "Inference on the new chip is three times faster than on the previous generation, Cerebras claims.",
                "Cerebras",
                "claims",
            )
        ],
        [F("three times", "multiplier", 3, "times")],
        [("Cerebras", "ORG")],
    ),
    P(
        "Hyperscalers' capital spending grew 2.5 times in two years, Synergy Research Group said.",
        [
            C(
                "Hyperscalers' capital spending grew 2.5 times in two years, Synergy Research Group said.",
                "Synergy Research Group",
                "said",
            )
        ],
        [F("2.5 times", "multiplier", 2.5, "times"), F("two years", "duration", 2, "years")],
        [("Synergy Research Group", "ORG")],
    ),
    P(
        "Server rooms in the Johor campus are kept below 27°C using liquid cooling, the operator said.",
        [
            C(
                "Server rooms in the Johor campus are kept below 27°C using liquid cooling, the operator said.",
                "the operator",
                "said",
            )
        ],
        [F("27°C", "temperature", 27, "°C")],
        [("Johor", "GPE")],
    ),
    P(
        "Temperatures inside the battery pack rose to 60 degrees Celsius during the test, investigators found.",
        [
            C(
                "Temperatures inside the battery pack rose to 60 degrees Celsius during the test, investigators found.",
                "investigators",
                "found",
            )
        ],
        [F("60 degrees Celsius", "temperature", 60, "°C")],
        [],
    ),
    P(
        "The phone's 5,000mAh battery lasts nearly 30 hours of video playback, according to Oppo.",
        [
            C(
                "The phone's 5,000mAh battery lasts nearly 30 hours of video playback, according to Oppo.",
                "Oppo",
                "according to",
            )
        ],
        [F("5,000mAh", "quantity", 5000, "mAh"), F("30 hours", "duration", 30, "hours")],
        [("Oppo", "ORG")],
    ),
    P(
        "Taiwan's power grid added 1.8 GW of offshore wind capacity last year, the Energy Administration said.",
        [
            C(
                "Taiwan's power grid added 1.8 GW of offshore wind capacity last year, the Energy Administration said.",
                "Energy Administration",
                "said",
            )
        ],
        [F("1.8 GW", "quantity", 1.8, "GW")],
        [("Taiwan", "GPE"), ("Energy Administration", "ORG")],
    ),
    P(
        "Training the model took 54 days on 16,384 H100 chips, Meta researchers wrote.",
        [C("Training the model took 54 days on 16,384 H100 chips, Meta researchers wrote.", "Meta", "wrote")],
        [F("54 days", "duration", 54, "days"), F("16,384 H100 chips", "count", 16384, "chips")],
        [("Meta", "ORG"), ("H100", "PRODUCT")],
    ),
    P(
        "Unemployment among software engineers in Bengaluru rose from 4% to 7% in a year, a Naukri survey found.",
        [
            C(
                "Unemployment among software engineers in Bengaluru rose from 4% to 7% in a year, a Naukri survey found.",
                "Naukri",
                "found",
            )
        ],
        [F("4%", "percent", 4, "percent"), F("7%", "percent", 7, "percent")],
        [("Bengaluru", "GPE"), ("Naukri", "ORG")],
    ),
    P(
        "Operating margin improved by 3.5 percentage points to 18%, the company said.",
        [C("Operating margin improved by 3.5 percentage points to 18%, the company said.", "the company", "said")],
        [F("3.5 percentage points", "percent", 3.5, "percentage points"), F("18%", "percent", 18, "percent")],
        [],
    ),
    P(
        "Kakao's quarterly revenue was 2 trillion won, up about 4% on the year.",
        [C("Kakao's quarterly revenue was 2 trillion won, up about 4% on the year.")],
        [F("2 trillion won", "money", 2e12, "KRW"), F("4%", "percent", 4, "percent")],
        [("Kakao", "ORG")],
    ),
    P(
        "The Australian government will spend A$1 billion on quantum computing start-up PsiQuantum's Brisbane site.",
        [
            C(
                "The Australian government will spend A$1 billion on quantum computing start-up PsiQuantum's Brisbane site."
            )
        ],
        [F("A$1 billion", "money", 1e9, "AUD")],
        [("PsiQuantum", "ORG"), ("Brisbane", "GPE")],
    ),
    P(
        "Some 1.5 billion people used the assistant at least once a month, Google said, nearly double the figure a year earlier.",
        [
            C(
                "Some 1.5 billion people used the assistant at least once a month, Google said, nearly double the figure a year earlier.",
                "Google",
                "said",
            )
        ],
        [F("1.5 billion people", "count", 1.5e9, "people")],
        [("Google", "ORG")],
    ),
    P(
        "Between 20% and 30% of support tickets are now closed without a human, Zendesk said.",
        [C("Between 20% and 30% of support tickets are now closed without a human, Zendesk said.", "Zendesk", "said")],
        [F("20% and 30%", "percent", 20, "percent")],
        [("Zendesk", "ORG")],
    ),
    P(
        "The fab will use 4.6 million tonnes of water a year, more than twice what was first disclosed.",
        [C("The fab will use 4.6 million tonnes of water a year, more than twice what was first disclosed.")],
        [F("4.6 million tonnes", "quantity", 4.6e6, "tonnes"), F("twice", "multiplier", 2, "times")],
        [],
    ),
    P(
        "Nearly 40,000 employees across the group will get access to the assistant, a Foxconn spokesperson said.",
        [
            C(
                "Nearly 40,000 employees across the group will get access to the assistant, a Foxconn spokesperson said.",
                "Foxconn",
                "said",
            )
        ],
        [F("40,000 employees", "count", 40000, "employees")],
        [("Foxconn", "ORG")],
    ),
    P(
        "The model has 671 billion parameters but activates only 37 billion for each token.",
        [C("The model has 671 billion parameters but activates only 37 billion for each token.")],
        [F("671 billion parameters", "count", 671e9, "parameters"), F("37 billion", "count", 37e9, None)],
        [],
    ),
    P(
        "Transfers on the new undersea cable reach 300 Tbps, roughly ten times the capacity of older links in the Pacific.",
        [
            C(
                "Transfers on the new undersea cable reach 300 Tbps, roughly ten times the capacity of older links in the Pacific."
            )
        ],
        [F("300 Tbps", "quantity", 300, "Tbps"), F("ten times", "multiplier", 10, "times")],
        [("Pacific", "LOC")],
    ),
    P(
        "The company posted a net loss of NT$1.3 billion for the quarter.",
        [C("The company posted a net loss of NT$1.3 billion for the quarter.")],
        [F("NT$1.3 billion", "money", 1.3e9, "TWD")],
        [],
    ),
    P(
        "HK$5 billion from the fund will go to start-ups working on life sciences and AI, the Hong Kong government said.",
        [
            C(
                "HK$5 billion from the fund will go to start-ups working on life sciences and AI, the Hong Kong government said.",
                "the Hong Kong government",
                "said",
            )
        ],
        [F("HK$5 billion", "money", 5e9, "HKD")],
        [("Hong Kong", "GPE")],
    ),
    P(
        "One in five Japanese companies now uses generative AI tools at work, a survey by Teikoku Databank found.",
        [
            C(
                "One in five Japanese companies now uses generative AI tools at work, a survey by Teikoku Databank found.",
                "Teikoku Databank",
                "found",
            )
        ],
        [F("One in five", "percent", 20, "percent")],
        [("Teikoku Databank", "ORG")],
    ),
    # --- hard cases: product names, surnames, two people sharing a surname ---------------
    P(
        "Anthropic said Claude 3.5 Sonnet outperformed GPT-4o on most coding benchmarks.",
        [C("Anthropic said Claude 3.5 Sonnet outperformed GPT-4o on most coding benchmarks.", "Anthropic", "said")],
        [],
        [("Anthropic", "ORG"), ("Claude 3.5 Sonnet", "PRODUCT"), ("GPT-4o", "PRODUCT")],
    ),
    P(
        "Microsoft's Phi-4 has 14 billion parameters and beats far larger models on maths tests, the company said.",
        [
            C(
                "Microsoft's Phi-4 has 14 billion parameters and beats far larger models on maths tests, the company said.",
                "Microsoft",
                "said",
            )
        ],
        [F("14 billion parameters", "count", 14e9, "parameters")],
        [("Microsoft", "ORG"), ("Phi-4", "PRODUCT")],
    ),
    P(
        "Google made Gemini 2.0 Flash the default model in the Gemini app on Thursday.",
        [],
        [],
        [("Google", "ORG"), ("Gemini 2.0 Flash", "PRODUCT"), ("Gemini", "PRODUCT")],
    ),
    P(
        "Demis Hassabis said Gemini 2.5 Pro was the company's most capable model so far.",
        [
            C(
                "Demis Hassabis said Gemini 2.5 Pro was the company's most capable model so far.",
                "Demis Hassabis",
                "said",
            )
        ],
        [],
        [("Demis Hassabis", "PERSON"), ("Gemini 2.5 Pro", "PRODUCT")],
    ),
    P(
        "DeepSeek-R1 was trained for a fraction of what US rivals spend, the Hangzhou lab said.",
        [
            C(
                "DeepSeek-R1 was trained for a fraction of what US rivals spend, the Hangzhou lab said.",
                "the Hangzhou lab",
                "said",
            )
        ],
        [],
        [("DeepSeek-R1", "PRODUCT"), ("US", "GPE"), ("Hangzhou", "GPE")],
    ),
    P(
        "Llama 3.1 405B is available on AWS and Azure, Meta said.",
        [C("Llama 3.1 405B is available on AWS and Azure, Meta said.", "Meta", "said")],
        [],
        [("Llama 3.1 405B", "PRODUCT"), ("AWS", "ORG"), ("Azure", "PRODUCT"), ("Meta", "ORG")],
    ),
    P(
        "Kevin Scott, Microsoft's chief technology officer, said scaling laws were holding. His colleague Mustafa Suleyman said consumer Copilot usage had doubled.",
        [
            C(
                "Kevin Scott, Microsoft's chief technology officer, said scaling laws were holding.",
                "Kevin Scott",
                "said",
            ),
            C("His colleague Mustafa Suleyman said consumer Copilot usage had doubled.", "Mustafa Suleyman", "said"),
        ],
        [],
        [("Kevin Scott", "PERSON"), ("Microsoft", "ORG"), ("Mustafa Suleyman", "PERSON"), ("Copilot", "PRODUCT")],
    ),
    P(
        "Lee Jae-yong, chairman of Samsung, met Lee Hae-jin, the founder of Naver, in Seoul. Lee Hae-jin said the two firms would build a Korean-language model together.",
        [C("Lee Hae-jin said the two firms would build a Korean-language model together.", "Lee Hae-jin", "said")],
        [],
        [("Lee Jae-yong", "PERSON"), ("Samsung", "ORG"), ("Lee Hae-jin", "PERSON"), ("Naver", "ORG"), ("Seoul", "GPE")],
    ),
    P(
        "Mark Chen, OpenAI's research chief, said o3 was trained with far more reinforcement learning. Chen added that a smaller o4-mini would follow in weeks.",
        [
            C(
                "Mark Chen, OpenAI's research chief, said o3 was trained with far more reinforcement learning.",
                "Mark Chen",
                "said",
            ),
            C("Chen added that a smaller o4-mini would follow in weeks.", "Mark Chen", "added"),
        ],
        [],
        [("Mark Chen", "PERSON"), ("OpenAI", "ORG"), ("o3", "PRODUCT"), ("o4-mini", "PRODUCT")],
    ),
    P(
        "Greg Brockman and Sam Altman both spoke at the event. Altman said GPT-5 would unify the company's models.",
        [C("Altman said GPT-5 would unify the company's models.", "Sam Altman", "said")],
        [],
        [("Greg Brockman", "PERSON"), ("Sam Altman", "PERSON"), ("GPT-5", "PRODUCT")],
    ),
    P(
        "Nadella said AI agents would replace many business applications, a view Benioff disputed on X.",
        [
            C(
                "Nadella said AI agents would replace many business applications, a view Benioff disputed on X.",
                "Nadella",
                "said",
            )
        ],
        [],
        [("Nadella", "PERSON"), ("Benioff", "PERSON"), ("X", "ORG")],
    ),
    P(
        "Wang Chuanfu, the founder of BYD, told state media the carmaker would put driver-assistance software in all its models.",
        [
            C(
                "Wang Chuanfu, the founder of BYD, told state media the carmaker would put driver-assistance software in all its models.",
                "Wang Chuanfu",
                "told",
            )
        ],
        [],
        [("Wang Chuanfu", "PERSON"), ("BYD", "ORG")],
    ),
    P(
        "Nikesh Arora said Palo Alto Networks had signed 90 new platform customers in the quarter.",
        [
            C(
                "Nikesh Arora said Palo Alto Networks had signed 90 new platform customers in the quarter.",
                "Nikesh Arora",
                "said",
            )
        ],
        [F("90 new platform customers", "count", 90, "customers")],
        [("Nikesh Arora", "PERSON"), ("Palo Alto Networks", "ORG")],
    ),
    P(
        "Cristiano Amon, Qualcomm's chief executive, said the Snapdragon X Elite was in more than 50 laptop designs.",
        [
            C(
                "Cristiano Amon, Qualcomm's chief executive, said the Snapdragon X Elite was in more than 50 laptop designs.",
                "Cristiano Amon",
                "said",
            )
        ],
        [F("50 laptop designs", "count", 50, "designs")],
        [("Cristiano Amon", "PERSON"), ("Qualcomm", "ORG"), ("Snapdragon X Elite", "PRODUCT")],
    ),
    P(
        "Pat Gelsinger, who left Intel in December, said on a podcast that the foundry business needed a decade.",
        [
            C(
                "Pat Gelsinger, who left Intel in December, said on a podcast that the foundry business needed a decade.",
                "Pat Gelsinger",
                "said",
            )
        ],
        [],
        [("Pat Gelsinger", "PERSON"), ("Intel", "ORG")],
    ),
    # --- regulation -----------------------------------------------------------------------
    P(
        "The EU AI Act bans social scoring and most real-time facial recognition in public spaces.",
        [],
        [],
        [("EU AI Act", "LAW")],
    ),
    P(
        "Fines under the Digital Markets Act can reach 10% of a company's global turnover, the European Commission said.",
        [
            C(
                "Fines under the Digital Markets Act can reach 10% of a company's global turnover, the European Commission said.",
                "European Commission",
                "said",
            )
        ],
        [F("10%", "percent", 10, "percent")],
        [("Digital Markets Act", "LAW"), ("European Commission", "ORG")],
    ),
    P(
        "Japan's Fair Trade Commission ordered Google to stop requiring phone makers to pre-install its search app.",
        [],
        [],
        [("Japan", "GPE"), ("Fair Trade Commission", "ORG"), ("Google", "ORG")],
    ),
    P(
        "Indonesia's communications minister Meutya Hafid said the government would require age checks on social media apps by next year.",
        [
            C(
                "Indonesia's communications minister Meutya Hafid said the government would require age checks on social media apps by next year.",
                "Meutya Hafid",
                "said",
            )
        ],
        [],
        [("Indonesia", "GPE"), ("Meutya Hafid", "PERSON")],
    ),
    P(
        "Australia's online safety regulator said platforms that fail to keep under-16s off their services face fines of up to A$49.5 million.",
        [
            C(
                "Australia's online safety regulator said platforms that fail to keep under-16s off their services face fines of up to A$49.5 million.",
                "Australia's online safety regulator",
                "said",
            )
        ],
        [F("A$49.5 million", "money", 49.5e6, "AUD")],
        [("Australia", "GPE")],
    ),
    P(
        "The US Commerce Department said the new export rules would cap shipments of advanced chips to about 120 countries.",
        [
            C(
                "The US Commerce Department said the new export rules would cap shipments of advanced chips to about 120 countries.",
                "US Commerce Department",
                "said",
            )
        ],
        [F("120 countries", "count", 120, "countries")],
        [("US Commerce Department", "ORG")],
    ),
    P(
        "South Korea's Personal Information Protection Commission fined Meta 21.6 billion won for collecting sensitive data without consent.",
        [
            C(
                "South Korea's Personal Information Protection Commission fined Meta 21.6 billion won for collecting sensitive data without consent."
            )
        ],
        [F("21.6 billion won", "money", 21.6e9, "KRW")],
        [("South Korea", "GPE"), ("Personal Information Protection Commission", "ORG"), ("Meta", "ORG")],
    ),
    P(
        "Under the proposal, companies would have 72 hours to report a serious cyber incident, officials said.",
        [
            C(
                "Under the proposal, companies would have 72 hours to report a serious cyber incident, officials said.",
                "officials",
                "said",
            )
        ],
        [F("72 hours", "duration", 72, "hours")],
        [],
    ),
    # --- NEGATIVES: navigation, teasers, questions, opinion, bylines, captions -------------
    P("Home | AI | Chips | Cloud | Phones | Startups | Policy", [], [], []),
    P("Subscribe to our newsletter for the day's top tech stories.", [], [], []),
    P("Read more: The five best phones you can buy right now", [], [], []),
    P("By Wei Ling Goh and Arjun Mehta", [], [], [("Wei Ling Goh", "PERSON"), ("Arjun Mehta", "PERSON")]),
    P("Is the AI boom about to run out of electricity?", [], [], []),
    P("Can Intel's new chief turn the company around?", [], [], [("Intel", "ORG")]),
    P(
        "Photo: A technician inspects wafers at a plant in Hsinchu. (Reuters)",
        [],
        [],
        [("Hsinchu", "GPE"), ("Reuters", "ORG")],
    ),
    P("The new phone is beautiful, but the software still feels unfinished.", [], [], []),
    P("Frankly, the industry deserves better than another chatbot.", [], [], []),
    P(
        "Share this article on Facebook, X or LinkedIn.",
        [],
        [],
        [("Facebook", "ORG"), ("X", "ORG"), ("LinkedIn", "ORG")],
    ),
    P("Related: Why memory makers are suddenly the hottest stocks in Asia", [], [], []),
    P("Sign up to get our weekly briefing on Asia's start-up scene.", [], [], []),
    P("What does the ruling mean for app developers in Japan?", [], [], [("Japan", "GPE")]),
    P("Copyright 2025 The Byte Post. All rights reserved.", [], [], []),
    P("Updated at 14:05 to add comment from the company.", [], [], []),
    P("The keynote was held in a packed hall, and the queues stretched around the block.", [], [], []),
    P("Next article: Inside the race to build Asia's biggest data centre", [], [], []),
    P("Chips are the new oil, or so the saying goes.", [], [], []),
    P("Listen to this article", [], [], []),
    P("Advertisement", [], [], []),
    P("The launch event felt more like a concert than a product demo.", [], [], []),
    P(
        "Caption: Lisa Su holds up an MI300X accelerator on stage in San Jose.",
        [],
        [],
        [("Lisa Su", "PERSON"), ("MI300X", "PRODUCT"), ("San Jose", "GPE")],
    ),
    P("Who will pay for all these data centres?", [], [], []),
    P("Tags: semiconductors, Taiwan, export controls", [], [], []),
    P("Most popular", [], [], []),
    # --- multi-sentence passages mixing claims and context ---------------------------------
    P(
        "Baidu reported its results on Thursday. Revenue from its AI cloud rose 26% to 4.7 billion yuan. Robin Li, the chief executive, said Ernie had 430 million users.",
        [
            C("Revenue from its AI cloud rose 26% to 4.7 billion yuan."),
            C("Robin Li, the chief executive, said Ernie had 430 million users.", "Robin Li", "said"),
        ],
        [
            F("26%", "percent", 26, "percent"),
            F("4.7 billion yuan", "money", 4.7e9, "CNY"),
            F("430 million users", "count", 430e6, "users"),
        ],
        [("Baidu", "ORG"), ("Robin Li", "PERSON"), ("Ernie", "PRODUCT")],
    ),
    P(
        "The outage began shortly after midnight. It took engineers almost six hours to restore service. CrowdStrike said a faulty content update was to blame.",
        [
            C("It took engineers almost six hours to restore service."),
            C("CrowdStrike said a faulty content update was to blame.", "CrowdStrike", "said"),
        ],
        [F("six hours", "duration", 6, "hours")],
        [("CrowdStrike", "ORG")],
    ),
    P(
        "Shares in the chipmaker fell 9% in Tokyo. Investors had hoped for a larger order book. The company declined to comment.",
        [C("Shares in the chipmaker fell 9% in Tokyo.")],
        [F("9%", "percent", 9, "percent")],
        [("Tokyo", "GPE")],
    ),
    P(
        "The start-up was founded in 2021 by former Google engineers. It now employs 120 people in Singapore and Jakarta. Chief executive Daniel Tan said it would double headcount next year.",
        [
            C("It now employs 120 people in Singapore and Jakarta."),
            C("Chief executive Daniel Tan said it would double headcount next year.", "Daniel Tan", "said"),
        ],
        [F("120 people", "count", 120, "people")],
        [("Google", "ORG"), ("Singapore", "GPE"), ("Jakarta", "GPE"), ("Daniel Tan", "PERSON")],
    ),
    P(
        "Apple unveiled the iPhone 16e in February. The phone costs $599 in the US. Tim Cook said it was built for people who wanted Apple Intelligence at a lower price.",
        [
            C("The phone costs $599 in the US."),
            C(
                "Tim Cook said it was built for people who wanted Apple Intelligence at a lower price.",
                "Tim Cook",
                "said",
            ),
        ],
        [F("$599", "money", 599, "USD")],
        [
            ("Apple", "ORG"),
            ("iPhone 16e", "PRODUCT"),
            ("US", "GPE"),
            ("Tim Cook", "PERSON"),
            ("Apple Intelligence", "PRODUCT"),
        ],
    ),
    P(
        "Micron will build a memory packaging plant in Singapore. The facility is expected to open in 2026 and create about 1,400 jobs, the company said.",
        [
            C(
                "The facility is expected to open in 2026 and create about 1,400 jobs, the company said.",
                "Micron",
                "said",
            )
        ],
        [F("1,400 jobs", "count", 1400, "jobs")],
        [("Micron", "ORG"), ("Singapore", "GPE")],
    ),
    P(
        "Agentic AI is the buzzword of the year. Salesforce said 5,000 customers had signed up for Agentforce since its launch. Marc Benioff said the product would be profitable by 2026.",
        [
            C("Salesforce said 5,000 customers had signed up for Agentforce since its launch.", "Salesforce", "said"),
            C("Marc Benioff said the product would be profitable by 2026.", "Marc Benioff", "said"),
        ],
        [F("5,000 customers", "count", 5000, "customers")],
        [("Salesforce", "ORG"), ("Agentforce", "PRODUCT"), ("Marc Benioff", "PERSON")],
    ),
    P(
        "The Philippine government is courting chipmakers. Trade secretary Cristina Roque said on Tuesday that three foreign companies had pledged a combined US$1.2 billion. She did not name them.",
        [
            C(
                "Trade secretary Cristina Roque said on Tuesday that three foreign companies had pledged a combined US$1.2 billion.",
                "Cristina Roque",
                "said",
            )
        ],
        [F("three foreign companies", "count", 3, "companies"), F("US$1.2 billion", "money", 1.2e9, "USD")],
        [("Cristina Roque", "PERSON")],
    ),
    P(
        "Tencent's Hunyuan model now powers search in WeChat. The company said the app had 1.38 billion monthly active users at the end of June.",
        [C("The company said the app had 1.38 billion monthly active users at the end of June.", "Tencent", "said")],
        [F("1.38 billion monthly active users", "count", 1.38e9, "users")],
        [("Tencent", "ORG"), ("Hunyuan", "PRODUCT"), ("WeChat", "PRODUCT")],
    ),
    P(
        "“Our customers are not asking for bigger models. They want cheaper ones,” said Aidan Gomez, chief executive of Cohere. He said the company would cut prices by 50% this month.",
        [
            C(
                "“Our customers are not asking for bigger models. They want cheaper ones,” said Aidan Gomez, chief executive of Cohere.",
                "Aidan Gomez",
                "said",
            ),
            C("He said the company would cut prices by 50% this month.", "Aidan Gomez", "said"),
        ],
        [F("50%", "percent", 50, "percent")],
        [("Aidan Gomez", "PERSON"), ("Cohere", "ORG")],
    ),
    P(
        "The smart glasses weigh 49 grams and last about four hours on a charge. Ray-Ban maker EssilorLuxottica said it sold two million pairs last year.",
        [
            C("The smart glasses weigh 49 grams and last about four hours on a charge."),
            C("Ray-Ban maker EssilorLuxottica said it sold two million pairs last year.", "EssilorLuxottica", "said"),
        ],
        [
            F("49 grams", "quantity", 49, "grams"),
            F("four hours", "duration", 4, "hours"),
            F("two million pairs", "count", 2e6, "pairs"),
        ],
        [("Ray-Ban", "ORG"), ("EssilorLuxottica", "ORG")],
    ),
    P(
        "Prices for DRAM contracts jumped 18% in the quarter. TrendForce analyst Avril Wu said prices could rise another 10% in the next three months.",
        [
            C("Prices for DRAM contracts jumped 18% in the quarter."),
            C(
                "TrendForce analyst Avril Wu said prices could rise another 10% in the next three months.",
                "Avril Wu",
                "said",
            ),
        ],
        [
            F("18%", "percent", 18, "percent"),
            F("10%", "percent", 10, "percent"),
            F("three months", "duration", 3, "months"),
        ],
        [("TrendForce", "ORG"), ("Avril Wu", "PERSON")],
    ),
    P(
        "Canva is preparing for a listing. It has more than 220 million monthly users, co-founder Cameron Adams said, and is profitable.",
        [
            C(
                "It has more than 220 million monthly users, co-founder Cameron Adams said, and is profitable.",
                "Cameron Adams",
                "said",
            )
        ],
        [F("220 million monthly users", "count", 220e6, "users")],
        [("Canva", "ORG"), ("Cameron Adams", "PERSON")],
    ),
    P(
        "The heatwave pushed Tokyo's peak power demand to 58 GW. Tepco said it had asked data centres to shift loads to the night.",
        [
            C("The heatwave pushed Tokyo's peak power demand to 58 GW."),
            C("Tepco said it had asked data centres to shift loads to the night.", "Tepco", "said"),
        ],
        [F("58 GW", "quantity", 58, "GW")],
        [("Tokyo", "GPE"), ("Tepco", "ORG")],
    ),
    P(
        "Perplexity is in talks to raise money at a valuation of about $18 billion, people familiar with the talks said. The company declined to comment.",
        [
            C(
                "Perplexity is in talks to raise money at a valuation of about $18 billion, people familiar with the talks said.",
                "people familiar with the talks",
                "said",
            )
        ],
        [F("$18 billion", "money", 18e9, "USD")],
        [("Perplexity", "ORG")],
    ),
    P(
        "Nothing Phone (3) goes on sale in India next week. Carl Pei said the company had shipped seven million devices since 2020.",
        [C("Carl Pei said the company had shipped seven million devices since 2020.", "Carl Pei", "said")],
        [F("seven million devices", "count", 7e6, "devices")],
        [("Nothing Phone (3)", "PRODUCT"), ("India", "GPE"), ("Carl Pei", "PERSON")],
    ),
    P(
        "ASML said it expected sales of between €30 billion and €35 billion in 2025. Chief executive Christophe Fouquet said China demand would ease.",
        [
            C("ASML said it expected sales of between €30 billion and €35 billion in 2025.", "ASML", "said"),
            C("Chief executive Christophe Fouquet said China demand would ease.", "Christophe Fouquet", "said"),
        ],
        [F("€30 billion and €35 billion", "money", 30e9, "EUR")],
        [("ASML", "ORG"), ("Christophe Fouquet", "PERSON"), ("China", "GPE")],
    ),
    P(
        "GoTo's gross transaction value rose 10% to Rp 160 trillion, the Indonesian group said.",
        [C("GoTo's gross transaction value rose 10% to Rp 160 trillion, the Indonesian group said.", "GoTo", "said")],
        [F("10%", "percent", 10, "percent"), F("Rp 160 trillion", "money", 160e12, "IDR")],
        [("GoTo", "ORG")],
    ),
    P(
        "Battery swaps take under three minutes at Gogoro's stations in Taipei, the company says.",
        [
            C(
                "Battery swaps take under three minutes at Gogoro's stations in Taipei, the company says.",
                "Gogoro",
                "says",
            )
        ],
        [F("three minutes", "duration", 3, "minutes")],
        [("Gogoro", "ORG"), ("Taipei", "GPE")],
    ),
    P(
        "Researchers at the University of Tokyo said their optical chip used 90% less energy than a GPU on the same task.",
        [
            C(
                "Researchers at the University of Tokyo said their optical chip used 90% less energy than a GPU on the same task.",
                "University of Tokyo",
                "said",
            )
        ],
        [F("90%", "percent", 90, "percent")],
        [("University of Tokyo", "ORG")],
    ),
    P(
        "The regulator could decide as early as March, a person briefed on the process said. Another person said a delay was likely.",
        [
            C(
                "The regulator could decide as early as March, a person briefed on the process said.",
                "a person briefed on the process",
                "said",
            ),
            C("Another person said a delay was likely.", "Another person", "said"),
        ],
        [],
        [],
    ),
    P(
        "IBM said its Heron processor has 156 qubits and makes five times fewer errors than its predecessor.",
        [
            C(
                "IBM said its Heron processor has 156 qubits and makes five times fewer errors than its predecessor.",
                "IBM",
                "said",
            )
        ],
        [F("156 qubits", "count", 156, "qubits"), F("five times", "multiplier", 5, "times")],
        [("IBM", "ORG"), ("Heron", "PRODUCT")],
    ),
    P(
        "The cheapest plan costs $20 a month. A business tier costs $30 per user.",
        [C("The cheapest plan costs $20 a month."), C("A business tier costs $30 per user.")],
        [F("$20", "money", 20, "USD"), F("$30", "money", 30, "USD")],
        [],
    ),
    P(
        "Ola Electric's losses widened to ₹870 crore, and its share of India's electric scooter market slipped below 20%.",
        [
            C(
                "Ola Electric's losses widened to ₹870 crore, and its share of India's electric scooter market slipped below 20%."
            )
        ],
        [F("₹870 crore", "money", 8.7e9, "INR"), F("20%", "percent", 20, "percent")],
        [("Ola Electric", "ORG"), ("India", "GPE")],
    ),
    P(
        "Hinton warned that there was a 10% to 20% chance AI would wipe out humanity within 30 years.",
        [
            C(
                "Hinton warned that there was a 10% to 20% chance AI would wipe out humanity within 30 years.",
                "Hinton",
                "warned",
            )
        ],
        [F("10% to 20%", "percent", 10, "percent"), F("30 years", "duration", 30, "years")],
        [("Hinton", "PERSON")],
    ),
    P(
        "Geoffrey Hinton and Yann LeCun rarely agree. LeCun told an audience in Paris that today's language models would be obsolete within five years.",
        [
            C(
                "LeCun told an audience in Paris that today's language models would be obsolete within five years.",
                "Yann LeCun",
                "told",
            )
        ],
        [F("five years", "duration", 5, "years")],
        [("Geoffrey Hinton", "PERSON"), ("Yann LeCun", "PERSON"), ("Paris", "GPE")],
    ),
    P(
        "The rack draws 132 kW and must be liquid-cooled, Supermicro said. Older air-cooled racks top out at around 40 kW.",
        [
            C("The rack draws 132 kW and must be liquid-cooled, Supermicro said.", "Supermicro", "said"),
            C("Older air-cooled racks top out at around 40 kW."),
        ],
        [F("132 kW", "quantity", 132, "kW"), F("40 kW", "quantity", 40, "kW")],
        [("Supermicro", "ORG")],
    ),
    P(
        "Samsung's Galaxy S25 Ultra costs S$1,928 in Singapore. The company said pre-orders were 20% higher than for the previous model.",
        [
            C("Samsung's Galaxy S25 Ultra costs S$1,928 in Singapore."),
            C("The company said pre-orders were 20% higher than for the previous model.", "Samsung", "said"),
        ],
        [F("S$1,928", "money", 1928, "SGD"), F("20%", "percent", 20, "percent")],
        [("Samsung", "ORG"), ("Galaxy S25 Ultra", "PRODUCT"), ("Singapore", "GPE")],
    ),
    P(
        "Nvidia's market value briefly topped $4 trillion on Wednesday. No company had reached that mark before.",
        [C("Nvidia's market value briefly topped $4 trillion on Wednesday.")],
        [F("$4 trillion", "money", 4e12, "USD")],
        [("Nvidia", "ORG")],
    ),
    P(
        "In a blog post, Cloudflare said it blocked a record attack that peaked at 7.3 Tbps and lasted 45 seconds.",
        [
            C(
                "In a blog post, Cloudflare said it blocked a record attack that peaked at 7.3 Tbps and lasted 45 seconds.",
                "Cloudflare",
                "said",
            )
        ],
        [F("7.3 Tbps", "quantity", 7.3, "Tbps"), F("45 seconds", "duration", 45, "seconds")],
        [("Cloudflare", "ORG")],
    ),
    P(
        "Foxconn chairman Young Liu said AI server revenue would more than double this year. He added that the company was building a plant in Mexico for Nvidia's GB200 racks.",
        [
            C(
                "Foxconn chairman Young Liu said AI server revenue would more than double this year.",
                "Young Liu",
                "said",
            ),
            C(
                "He added that the company was building a plant in Mexico for Nvidia's GB200 racks.",
                "Young Liu",
                "added",
            ),
        ],
        [],
        [("Foxconn", "ORG"), ("Young Liu", "PERSON"), ("Mexico", "GPE"), ("Nvidia", "ORG"), ("GB200", "PRODUCT")],
    ),
    P(
        "The Reserve Bank of India said digital payment fraud cost consumers ₹1,457 crore in the last financial year, three times the year before.",
        [
            C(
                "The Reserve Bank of India said digital payment fraud cost consumers ₹1,457 crore in the last financial year, three times the year before.",
                "Reserve Bank of India",
                "said",
            )
        ],
        [F("₹1,457 crore", "money", 14.57e9, "INR"), F("three times", "multiplier", 3, "times")],
        [("Reserve Bank of India", "ORG")],
    ),
    P(
        "Shein will invest about €250 million in France over five years, the company announced.",
        [
            C(
                "Shein will invest about €250 million in France over five years, the company announced.",
                "Shein",
                "announced",
            )
        ],
        [F("€250 million", "money", 250e6, "EUR"), F("five years", "duration", 5, "years")],
        [("Shein", "ORG"), ("France", "GPE")],
    ),
    P(
        "Pony.ai aims to have 1,000 robotaxis on the road in China by the end of 2025, co-founder James Peng said.",
        [
            C(
                "Pony.ai aims to have 1,000 robotaxis on the road in China by the end of 2025, co-founder James Peng said.",
                "James Peng",
                "said",
            )
        ],
        [F("1,000 robotaxis", "count", 1000, "robotaxis")],
        [("Pony.ai", "ORG"), ("China", "GPE"), ("James Peng", "PERSON")],
    ),
    P(
        "Amazon plans to spend more than $100 billion on capital projects this year, most of it on AWS, chief executive Andy Jassy said.",
        [
            C(
                "Amazon plans to spend more than $100 billion on capital projects this year, most of it on AWS, chief executive Andy Jassy said.",
                "Andy Jassy",
                "said",
            )
        ],
        [F("$100 billion", "money", 100e9, "USD")],
        [("Amazon", "ORG"), ("AWS", "ORG"), ("Andy Jassy", "PERSON")],
    ),
    # --- more passages ---------------------------------------------------------------------
    P(
        "Lenovo said its quarterly revenue rose 20% to US$17 billion. Chairman Yang Yuanqing told analysts that AI PCs would make up half of its shipments by 2027.",
        [
            C("Lenovo said its quarterly revenue rose 20% to US$17 billion.", "Lenovo", "said"),
            C(
                "Chairman Yang Yuanqing told analysts that AI PCs would make up half of its shipments by 2027.",
                "Yang Yuanqing",
                "told",
            ),
        ],
        [
            F("20%", "percent", 20, "percent"),
            F("US$17 billion", "money", 17e9, "USD"),
            F("half", "percent", 50, "percent"),
        ],
        [("Lenovo", "ORG"), ("Yang Yuanqing", "PERSON")],
    ),
    P(
        "The app was downloaded 2.6 million times in its first week. That made it the most downloaded free app in the US App Store, Sensor Tower said.",
        [
            C("The app was downloaded 2.6 million times in its first week."),
            C(
                "That made it the most downloaded free app in the US App Store, Sensor Tower said.",
                "Sensor Tower",
                "said",
            ),
        ],
        [F("2.6 million times", "count", 2.6e6, "times")],
        [("US", "GPE"), ("App Store", "PRODUCT"), ("Sensor Tower", "ORG")],
    ),
    P(
        "SoftBank-backed Paytm cut about 1,000 jobs. A company spokesperson said the cuts were part of a restructuring and not a sign of weakness.",
        [
            C("SoftBank-backed Paytm cut about 1,000 jobs."),
            C(
                "A company spokesperson said the cuts were part of a restructuring and not a sign of weakness.",
                "A company spokesperson",
                "said",
            ),
        ],
        [F("1,000 jobs", "count", 1000, "jobs")],
        [("SoftBank", "ORG"), ("Paytm", "ORG")],
    ),
    P(
        "Why are phone makers suddenly adding satellite messaging? The answer lies in cheaper chips. Huawei was first, and Apple followed with the iPhone 14.",
        [],
        [],
        [("Huawei", "ORG"), ("Apple", "ORG"), ("iPhone 14", "PRODUCT")],
    ),
    P(
        "“We will not raise prices in Japan this year,” said Nintendo president Shuntaro Furukawa. “But costs are rising, and we are watching the yen.”",
        [
            C(
                "“We will not raise prices in Japan this year,” said Nintendo president Shuntaro Furukawa.",
                "Shuntaro Furukawa",
                "said",
            ),
            C("“But costs are rising, and we are watching the yen.”", "Shuntaro Furukawa", "said"),
        ],
        [],
        [("Japan", "GPE"), ("Nintendo", "ORG"), ("Shuntaro Furukawa", "PERSON")],
    ),
    P(
        "Starlink now has more than 5 million subscribers worldwide. In the Philippines, it charges ₱2,700 a month for its residential plan.",
        [
            C("Starlink now has more than 5 million subscribers worldwide."),
            C("In the Philippines, it charges ₱2,700 a month for its residential plan."),
        ],
        [F("5 million subscribers", "count", 5e6, "subscribers"), F("₱2,700", "money", 2700, "PHP")],
        [("Starlink", "ORG"), ("Philippines", "GPE")],
    ),
    P(
        "The data centre in Batam will have a capacity of 100 MW when finished, according to the developer. It is one of several projects meant to serve Singapore.",
        [
            C(
                "The data centre in Batam will have a capacity of 100 MW when finished, according to the developer.",
                "the developer",
                "according to",
            )
        ],
        [F("100 MW", "quantity", 100, "MW")],
        [("Batam", "GPE"), ("Singapore", "GPE")],
    ),
    P(
        "Jensen Huang and his cousin Lisa Su run two of the world's most valuable chip companies. Su said in an interview that AMD's data-centre GPU sales would reach tens of billions of dollars a year.",
        [
            C(
                "Su said in an interview that AMD's data-centre GPU sales would reach tens of billions of dollars a year.",
                "Lisa Su",
                "said",
            )
        ],
        [],
        [("Jensen Huang", "PERSON"), ("Lisa Su", "PERSON"), ("AMD", "ORG")],
    ),
    P(
        "Gartner analysts expect worldwide semiconductor revenue to grow 14% in 2025. They said memory would account for most of the rise.",
        [
            C("Gartner analysts expect worldwide semiconductor revenue to grow 14% in 2025.", "Gartner", "expect"),
            C("They said memory would account for most of the rise.", "Gartner", "said"),
        ],
        [F("14%", "percent", 14, "percent")],
        [("Gartner", "ORG")],
    ),
    P(
        "Photo by Kenji Sato. The author travelled to Kumamoto as a guest of Sony Semiconductor Solutions.",
        [],
        [],
        [("Kenji Sato", "PERSON"), ("Kumamoto", "GPE"), ("Sony Semiconductor Solutions", "ORG")],
    ),
    P(
        "TikTok's owner ByteDance plans to spend about 160 billion yuan on capital expenditure this year, people familiar with the plans said. Roughly 85 billion yuan of that would go on AI processors.",
        [
            C(
                "TikTok's owner ByteDance plans to spend about 160 billion yuan on capital expenditure this year, people familiar with the plans said.",
                "people familiar with the plans",
                "said",
            ),
            C("Roughly 85 billion yuan of that would go on AI processors."),
        ],
        [F("160 billion yuan", "money", 160e9, "CNY"), F("85 billion yuan", "money", 85e9, "CNY")],
        [("TikTok", "PRODUCT"), ("ByteDance", "ORG")],
    ),
]
