"""Demo translations, made the way a translator makes them with wagtail-localize.

Japanese: the home page, every section's index, every chapter, the programmes and the privacy
notice. Indonesian,
a chapter language: the home page, the chapters index, the Indonesian chapter and its events.
Simplified Chinese and Thai, written without spaces between words (what readers' search must
still find words in): the home page, the chapters index and the country's chapter.

Each page goes through wagtail-localize's own machinery, so the demo translations behave like
real ones (the translation editor opens on them, "Sync translated pages" updates them, the
status report and the API track them): a ``TranslationSource`` snapshot of the English page, a
``Translation`` into the locale, a ``StringTranslation`` for every segment from the glossaries
below (the sentences are our own), then ``create_or_update_translation`` without fallback, so a
sentence missing here stops the load instead of leaving English in a translated page. The
translation is published at once rather than when the transaction commits (as ``save_target``
would): the demo loads inside one transaction, and tests never commit theirs.

A page that already has a version in the language is left alone, so a second load adds nothing.
"""

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from site_pages import models as m

TOOL_NAME = "Sakura Science Club demo"

JAPANESE = {
    # Privacy notice
    "Privacy notice": "プライバシーに関するお知らせ",
    "What the club keeps when you write to it, why, and for how long.": (
        "クラブに送られた情報について、何を、なぜ、いつまで保管するかを説明します。"
    ),
    (
        "When you ask a Sakura Mentor a question or send a message for Members' Voice, the "
        "club keeps what you type in the form: your name, e-mail address, country, "
        "programme and year, your question or message, and any photo you add."
    ): (
        "さくらメンターへの質問やメンバーの声へのメッセージを送ると、クラブはフォームに入力された"
        "内容を保管します。氏名、メールアドレス、国、プログラムと参加年、質問やメッセージ、"
        "添付された写真です。"
    ),
    (
        "The secretariat reads it to pass your question to a mentor or to prepare your "
        "message for the site. Mentors see your question and first name, never your e-mail "
        "address. Your message is published only if you agreed to it, and only after the "
        "secretariat has reviewed it; your name appears with an answer only if you said so."
    ): (
        "事務局はそれを読み、質問をメンターに届け、メッセージを掲載用に整えます。メンターに見える"
        "のは質問と名前だけで、メールアドレスは見えません。メッセージは、あなたが同意した場合に"
        "限り、事務局の確認を経て掲載されます。回答と一緒に名前が載るのは、あなたが希望した"
        "場合だけです。"
    ),
    (
        "We use your e-mail address to confirm what you sent and to tell you when the answer "
        "or your message is online. It never appears on the site, in feeds or in the app."
    ): (
        "メールアドレスは、受け付けの確認と、回答やメッセージが公開されたときのお知らせに使い"
        "ます。サイト、フィード、アプリに表示されることはありません。"
    ),
    (
        "Answered questions, sent e-mails and the record of who sent a published message "
        "are deleted twelve months after they arrive."
    ): (
        "回答済みの質問、送信済みのメール、掲載されたメッセージの送信者の記録は、受け取ってから"
        "12か月後に削除されます。"
    ),
    (
        "The monthly newsletter keeps your e-mail address, its language and the chapters you "
        "chose. A request you do not confirm within a week is deleted; unsubscribing, with "
        "the link in every issue, deletes your address at once."
    ): (
        "月刊ニュースレターでは、メールアドレスと、選んだ言語と支部を保管します。1週間以内に"
        "確認されなかったお申し込みは削除され、各号にあるリンクから購読をやめると、アドレスは"
        "すぐに削除されます。"
    ),
    (
        "You may ask the secretariat at any time, through the contact address at the foot "
        "of every page, for a copy of what the club holds about you or for it to be "
        "deleted."
    ): (
        "クラブが保管しているあなたの情報の写しや削除は、各ページ下部の連絡先から、いつでも"
        "事務局に依頼できます。"
    ),
    # The secretariat's address (NetworkContact), as JST writes it in Japanese.
    (
        "Sakura Science Program Promotion Headquarters, Japan Science and Technology Agency\n"
        "Science Plaza, 5-3 Yonbancho, Chiyoda-ku, Tokyo 102-8666, Japan"
    ): (
        "〒102-8666 東京都千代田区四番町5-3 サイエンスプラザ\n"
        "国立研究開発法人科学技術振興機構 さくらサイエンスプログラム推進本部"
    ),
    # Home page
    "Sakura Science Club": "さくらサイエンスクラブ",
    "Alumni of the Sakura Science Exchange Program": "さくらサイエンスプログラムの同窓生",
    (
        "More than 30,000 young researchers, students and officials have visited Japan with "
        "the Sakura Science Exchange Program. The Sakura Science Club keeps them in touch."
    ): (
        "さくらサイエンスプログラムで来日した若手研究者、学生、行政官は3万人を超えます。"
        "さくらサイエンスクラブは、その人たちのつながりを支えています。"
    ),
    "News, reunions and columns from the Sakura Science Club's chapters.": (
        "さくらサイエンスクラブ各支部のニュース、同窓会、コラムをお届けします。"
    ),
    # Sections
    "Chapters": "支部",
    (
        "The Sakura Science Club is organised in national chapters, most of them run by "
        "volunteer coordinators."
    ): (
        "さくらサイエンスクラブは国ごとの支部で構成され、その多くをボランティアの"
        "コーディネーターが運営しています。"
    ),
    "Network events": "ネットワークのイベント",
    (
        "Activities for every member, whichever chapter they belong to, such as the "
        "AlumniTalk series."
    ): "AlumniTalkシリーズなど、所属する支部を問わずすべての会員が参加できる活動です。",
    "Sakura Mentor": "さくらメンター",
    (
        "Researchers working in Japan answer members' questions and write about study and careers."
    ): "日本で働く研究者が会員の質問に答え、留学やキャリアについて綴ります。",
    "Members' Voice": "会員の声",
    "Messages from members about their visit to Japan and what came after.": (
        "来日の経験とその後の歩みについて、会員から寄せられたメッセージです。"
    ),
    "Yearbooks": "年鑑",
    "The coordinators of every chapter, year by year.": (
        "各支部のコーディネーターを年度ごとに紹介します。"
    ),
    "Programmes": "プログラム",
    "How young people come to Japan with Sakura Science.": (
        "さくらサイエンスで若者が来日する仕組みを紹介します。"
    ),
    # Chapters
    "Japan": "日本",
    "Sakura Science Club Japan": "さくらサイエンスクラブ日本",
    "Alumni who came back to Japan to study or work, and meet here.": (
        "留学や就職のために日本に戻ってきた同窓生が集う支部です。"
    ),
    (
        "Members of the Japan chapter are alumni who returned to Japan for a degree or a job. "
        "They chose their first coordinators at the 1st Japan reunion in September 2016, held "
        "at Miraikan in Tokyo, and the coordinators met at JST the following February to plan "
        "what the chapter could do."
    ): (
        "日本支部の会員は、学位の取得や就職のために再び来日した同窓生です。2016年9月に東京の"
        "日本科学未来館で開かれた第1回日本同窓会で最初のコーディネーターを選び、翌年2月には"
        "コーディネーターがJSTに集まって支部の活動を話し合いました。"
    ),
    "China": "中国",
    "Sakura Science Club China": "さくらサイエンスクラブ中国",
    "The largest chapter, with more than ten thousand alumni.": (
        "1万人を超える同窓生を擁する、最大の支部です。"
    ),
    (
        "With over 10,000 members, China has more alumni than any other country. Members keep "
        "in touch in a social media group of their own, the Huayouhui."
    ): (
        "会員数は1万人を超え、中国はどの国よりも多くの同窓生を抱えています。会員は独自の"
        "SNSグループ「Huayouhui」で交流を続けています。"
    ),
    "India": "インド",
    "India Sakura Science Club Alumni Association": "インド・さくらサイエンスクラブ同窓会",
    "ISCA: founded at the first reunion at the Japanese ambassador's residence.": (
        "ISCA：日本大使公邸で開かれた第1回同窓会で設立されました。"
    ),
    (
        "ISCA was founded at India's first reunion in October 2018, hosted at the residence of "
        "the Ambassador of Japan. Alumni who volunteered as coordinators have run it since."
    ): (
        "ISCAは、2018年10月に在インド日本国大使公邸で開かれたインド初の同窓会で設立され"
        "ました。以来、コーディネーターを買って出た同窓生が運営しています。"
    ),
    "Indonesia": "インドネシア",
    "Sakura Alumni Association Indonesia": "インドネシア・さくら同窓会",
    "SAAI: fifteen volunteer coordinators and the network's first online reunion.": (
        "SAAI：15人のボランティア・コーディネーターと、ネットワーク初のオンライン同窓会。"
    ),
    (
        "SAAI was formed at the first reunion in Jakarta in December 2019, when fifteen "
        "volunteers offered to coordinate it. It was the first chapter to hold a reunion "
        "online, and it runs SAAI Talks, campaigns on social media and a science essay "
        "competition."
    ): (
        "SAAIは、2019年12月にジャカルタで開かれた第1回同窓会で、15人のボランティアが"
        "コーディネーターを申し出て結成されました。同窓会を初めてオンラインで開いた支部で、"
        "SAAI Talks、SNSでのキャンペーン、科学エッセイコンテストを運営しています。"
    ),
    "Malaysia": "マレーシア",
    "Malaysia Alumni of Sakura Science Association": "マレーシア・さくらサイエンス同窓会",
    "MASSA: eleven coordinators working for research ties across the network.": (
        "MASSA：ネットワーク全体の研究のつながりを目指す11人のコーディネーター。"
    ),
    (
        "MASSA was founded at the first reunion in Kuala Lumpur in October 2019, where eleven "
        "alumni became coordinators. They want joint research and networking among alumni of "
        "every country, not only between Malaysia and Japan."
    ): (
        "MASSAは、2019年10月にクアラルンプールで開かれた第1回同窓会で設立され、11人の"
        "同窓生がコーディネーターになりました。マレーシアと日本の間だけでなく、あらゆる国の"
        "同窓生による共同研究と交流を目指しています。"
    ),
    "Nepal": "ネパール",
    "Sakura Science Club Nepal": "さくらサイエンスクラブ・ネパール",
    "SSCN: launched online in January 2022, preparing its first reunion.": (
        "SSCN：2022年1月にオンラインで発足し、第1回同窓会を準備しています。"
    ),
    (
        "Volunteer coordinators of different ages, backgrounds and professions met for the "
        "first time online in January 2022 to launch SSCN. They want it to be a place to share "
        "knowledge about choosing Japan for higher education."
    ): (
        "年齢も経歴も職業もさまざまなボランティア・コーディネーターが、2022年1月に初めて"
        "オンラインで集まってSSCNを発足させました。日本での進学を考える人が知識を分かち合える"
        "場にしたいと考えています。"
    ),
    "Sri Lanka": "スリランカ",
    "Sakura Science Club Alumni Association of Sri Lanka": (
        "スリランカ・さくらサイエンスクラブ同窓会"
    ),
    "SSCAASL: bringing hands-on science to pupils in remote areas.": (
        "SSCAASL：へき地の子どもたちに体験型の科学を届けています。"
    ),
    (
        "SSCAASL began at a meeting in Colombo in February 2019 that elected five "
        "coordinators. With the National Science Foundation and the University of Moratuwa, "
        "its members support secondary-school pupils in remote areas who have few chances to "
        "do experiments themselves."
    ): (
        "SSCAASLは、2019年2月にコロンボで開かれ、5人のコーディネーターを選んだ会合から"
        "始まりました。会員は国立科学財団やモラトゥワ大学と協力して、自分で実験する機会の"
        "少ないへき地の中等学校の生徒を支援しています。"
    ),
    "Vietnam": "ベトナム",
    "Sakura Science Club Vietnam": "さくらサイエンスクラブ・ベトナム",
    "SSCV: an events team and a social media team.": "SSCV：イベント班とSNS班。",
    (
        "Nine alumni founded SSCV at the first reunion in Hanoi in March 2019. The chapter "
        "works in two groups, one planning events and one running its social media."
    ): (
        "2019年3月にハノイで開かれた第1回同窓会で、9人の同窓生がSSCVを設立しました。"
        "支部はイベントを企画する班とSNSを運営する班に分かれて活動しています。"
    ),
    "Bangladesh": "バングラデシュ",
    "Sakura Science Club Bangladesh": "さくらサイエンスクラブ・バングラデシュ",
    "A growing Facebook group where alumni share photos of their visits.": (
        "同窓生が訪日の写真を共有する、成長中のFacebookグループです。"
    ),
    (
        "The Bangladesh chapter started on Facebook: the group opened in 2021, and its members "
        "post photographs and memories of their time in Japan."
    ): (
        "バングラデシュ支部はFacebookから始まりました。グループは2021年に開設され、会員は"
        "日本で過ごした日々の写真や思い出を投稿しています。"
    ),
    "Singapore": "シンガポール",
    "Sakura Science Club Singapore": "さくらサイエンスクラブ・シンガポール",
    (
        "Alumni from Singapore Polytechnic, River Valley High School and Dunman High School."
    ): "シンガポール・ポリテクニック、リバーバレー高校、ダンマン高校の同窓生。",
    "Singapore's alumni held the network's earliest reunion abroad, in March 2016.": (
        "シンガポールの同窓生は2016年3月、ネットワークで最も早い海外での同窓会を開きました。"
    ),
    "Thailand": "タイ",
    "Sakura Science Club in Thailand": "さくらサイエンスクラブ・タイ",
    "A busy Facebook page, with many posts in Thai.": (
        "タイ語の投稿が多い、活発なFacebookページです。"
    ),
    "The Thai chapter meets at reunions and keeps in touch on Facebook.": (
        "タイ支部は同窓会で集い、Facebookで交流を続けています。"
    ),
    # Programmes
    "Sakura Science High School Program": "さくらサイエンスハイスクールプログラム",
    "A week in Japan for outstanding high-school students and their teachers.": (
        "優秀な高校生と引率教員が日本で過ごす1週間のプログラムです。"
    ),
    (
        "Since 2014, JST has invited outstanding high-school students, mainly from Asia, for a "
        "week of classes with leading scientists, Nobel laureates among them, visits to "
        "universities and research institutes, and time with Japanese students."
    ): (
        "JSTは2014年から、主にアジアの優秀な高校生を招いています。ノーベル賞受賞者をはじめ"
        "第一線の科学者による講義、大学や研究機関の見学、日本の生徒との交流からなる1週間です。"
    ),
    (
        "In its first six years the program ran 49 courses for 5,539 students from 14 "
        "countries and regions at the start; more than 90% said they wanted to come back."
    ): (
        "最初の6年間に、開始当初は14の国・地域から参加した生徒5,539人のために49コースを"
        "実施しました。90%以上が再び日本に来たいと答えています。"
    ),
    "courses": "コース",
    "students": "人の生徒",
    "want to return": "が再来日を希望",
    "Sakura Science Supporters Program": "さくらサイエンス・サポーターズプログラム",
    "Visits for officials and administrators who make the exchanges possible.": (
        "交流を支える行政官や事務担当者のための訪日プログラムです。"
    ),
    (
        "JST invites people who help run the exchange program in their own countries to see "
        "Japan's science and technology, and how Japan administers them."
    ): (
        "JSTは、自国で交流事業の運営を支える人々を招き、日本の科学技術と、その行政の"
        "仕組みを紹介しています。"
    ),
    "Chinese Officers Invitation Program": "中国行政官招へいプログラム",
    "153 officials from ministries, agencies and universities in FY2019.": (
        "2019年度は省庁、機関、大学から153人の行政官が参加しました。"
    ),
    (
        "Officials of the Ministry of Science and Technology, regional science agencies and "
        "major universities studied environment and recycling, new energy and "
        "industry-academia-government collaboration in Japan."
    ): (
        "科学技術部、地方の科学技術機関、主要大学の職員が、日本の環境とリサイクル、新エネルギー、"
        "産学官連携について学びました。"
    ),
    "officials": "人の行政官",
    "ASEAN Young Officers Program": "ASEAN若手行政官プログラム",
    "26 young administrators on the Sustainable Development Goals.": (
        "持続可能な開発目標（SDGs）をテーマに、26人の若手行政官が参加しました。"
    ),
    (
        "In November 2018, young administrators from ASEAN member states and the ASEAN "
        "Secretariat took part in a programme on the SDGs, including a discussion at MEXT."
    ): (
        "2018年11月、ASEAN加盟国とASEAN事務局の若手行政官が、文部科学省での意見交換を含む"
        "SDGsのプログラムに参加しました。"
    ),
    "administrators": "人の行政官",
    "Indian Officers Invitation Program": "インド行政官招へいプログラム",
    "30 researchers and administrators from 19 Indian universities and ministries.": (
        "インドの19の大学と省庁から、研究者と行政官30人が参加しました。"
    ),
    (
        "In January 2019 researchers from IITs and IISERs and officials of Indian ministries "
        "spent a week visiting Japanese universities, RIKEN, AIST and JEOL, and joined a "
        "Japan-India university exchange hosted by JST."
    ): (
        "2019年1月、IITやIISERの研究者とインドの省庁の職員が1週間にわたって日本の大学、"
        "理化学研究所、産業技術総合研究所、日本電子を訪れ、JSTが主催する日印の大学交流会に"
        "参加しました。"
    ),
    "participants": "人の参加者",
    "universities": "の大学",
}

INDONESIAN = {
    # Home page
    "Sakura Science Club": "Sakura Science Club",
    "Alumni of the Sakura Science Exchange Program": "Alumni Program Pertukaran Sakura Science",
    (
        "More than 30,000 young researchers, students and officials have visited Japan with "
        "the Sakura Science Exchange Program. The Sakura Science Club keeps them in touch."
    ): (
        "Lebih dari 30.000 peneliti muda, mahasiswa, dan pejabat telah berkunjung ke Jepang "
        "melalui Program Pertukaran Sakura Science. Sakura Science Club menjaga mereka tetap "
        "terhubung."
    ),
    "News, reunions and columns from the Sakura Science Club's chapters.": (
        "Berita, reuni, dan kolom dari cabang-cabang Sakura Science Club."
    ),
    # The chapters index
    "Chapters": "Cabang",
    (
        "The Sakura Science Club is organised in national chapters, most of them run by "
        "volunteer coordinators."
    ): (
        "Sakura Science Club terbagi dalam cabang-cabang nasional, yang sebagian besar "
        "dikelola oleh koordinator sukarelawan."
    ),
    # The Indonesian chapter
    "Indonesia": "Indonesia",
    "Sakura Alumni Association Indonesia": "Sakura Alumni Association Indonesia",
    "SAAI: fifteen volunteer coordinators and the network's first online reunion.": (
        "SAAI: lima belas koordinator sukarelawan dan reuni daring pertama di jaringan ini."
    ),
    (
        "SAAI was formed at the first reunion in Jakarta in December 2019, when fifteen "
        "volunteers offered to coordinate it. It was the first chapter to hold a reunion "
        "online, and it runs SAAI Talks, campaigns on social media and a science essay "
        "competition."
    ): (
        "SAAI dibentuk pada reuni pertama di Jakarta pada Desember 2019, ketika lima belas "
        "sukarelawan menawarkan diri menjadi koordinatornya. SAAI adalah cabang pertama yang "
        "mengadakan reuni secara daring, dan menyelenggarakan SAAI Talks, kampanye di media "
        "sosial, serta lomba esai sains."
    ),
    # Its events
    "1st Indonesia reunion": "Reuni Indonesia ke-1",
    "The reunion at which SAAI was formed.": "Reuni tempat SAAI dibentuk.",
    "Fifteen alumni with ideas for the chapter volunteered as its first coordinators.": (
        "Lima belas alumni yang punya gagasan untuk cabang ini menawarkan diri menjadi "
        "koordinator pertamanya."
    ),
    "Jakarta": "Jakarta",
    "2nd Indonesia reunion: SAAI Grand Webinar": "Reuni Indonesia ke-2: SAAI Grand Webinar",
    "The first reunion of the network held entirely online.": (
        "Reuni pertama di jaringan ini yang sepenuhnya diadakan secara daring."
    ),
    "When travel stopped, SAAI moved its reunion online and kept its members talking.": (
        "Ketika perjalanan terhenti, SAAI memindahkan reuninya ke ranah daring dan menjaga "
        "para anggotanya tetap saling berbincang."
    ),
    "SAAI Talks": "SAAI Talks",
    "Alumni who studied or research in Japan share their experience, in Indonesian.": (
        "Alumni yang pernah belajar atau meneliti di Jepang berbagi pengalaman dalam bahasa "
        "Indonesia."
    ),
    (
        "An informal series of talks in Indonesian by alumni who studied in Japan or work "
        "there as researchers."
    ): (
        "Serangkaian bincang santai dalam bahasa Indonesia oleh alumni yang pernah belajar di "
        "Jepang atau bekerja di sana sebagai peneliti."
    ),
}

SIMPLIFIED_CHINESE = {
    # Home page
    "Sakura Science Club": "樱花科学俱乐部",
    "Alumni of the Sakura Science Exchange Program": "樱花科学交流计划的校友",
    (
        "More than 30,000 young researchers, students and officials have visited Japan with "
        "the Sakura Science Exchange Program. The Sakura Science Club keeps them in touch."
    ): (
        "已有三万多名青年研究人员、学生和政府官员通过樱花科学交流计划访问日本。"
        "樱花科学俱乐部让他们彼此保持联系。"
    ),
    "News, reunions and columns from the Sakura Science Club's chapters.": (
        "樱花科学俱乐部各分会的新闻、校友聚会和专栏。"
    ),
    # The chapters index
    "Chapters": "分会",
    (
        "The Sakura Science Club is organised in national chapters, most of them run by "
        "volunteer coordinators."
    ): "樱花科学俱乐部按国家设立分会，其中大多数由志愿协调员负责运营。",
    # The Chinese chapter
    "China": "中国",
    "Sakura Science Club China": "樱花科学俱乐部中国分会",
    "The largest chapter, with more than ten thousand alumni.": (
        "规模最大的分会，拥有一万多名校友。"
    ),
    (
        "With over 10,000 members, China has more alumni than any other country. Members keep "
        "in touch in a social media group of their own, the Huayouhui."
    ): ("中国分会的会员超过一万人，是校友最多的国家。会员们在自己的社交媒体群“花友会”里交流信息。"),
}

THAI = {
    # Home page
    "Sakura Science Club": "ซากุระไซเอนซ์คลับ",
    "Alumni of the Sakura Science Exchange Program": "ศิษย์เก่าโครงการแลกเปลี่ยนซากุระไซเอนซ์",
    (
        "More than 30,000 young researchers, students and officials have visited Japan with "
        "the Sakura Science Exchange Program. The Sakura Science Club keeps them in touch."
    ): (
        "นักวิจัยรุ่นใหม่ นักศึกษา และเจ้าหน้าที่ภาครัฐกว่า 30,000 คนเคยเดินทางไปญี่ปุ่น"
        "กับโครงการแลกเปลี่ยนซากุระไซเอนซ์ ซากุระไซเอนซ์คลับช่วยให้ทุกคนยังติดต่อกันได้"
    ),
    "News, reunions and columns from the Sakura Science Club's chapters.": (
        "ข่าว งานพบปะศิษย์เก่า และบทความจากสาขาต่าง ๆ ของซากุระไซเอนซ์คลับ"
    ),
    # The chapters index
    "Chapters": "สาขา",
    (
        "The Sakura Science Club is organised in national chapters, most of them run by "
        "volunteer coordinators."
    ): ("ซากุระไซเอนซ์คลับแบ่งออกเป็นสาขาตามประเทศ ส่วนใหญ่ดำเนินงานโดยผู้ประสานงานที่เป็นอาสาสมัคร"),
    # The Thai chapter
    "Thailand": "ประเทศไทย",
    "Sakura Science Club in Thailand": "ซากุระไซเอนซ์คลับประเทศไทย",
    "A busy Facebook page, with many posts in Thai.": ("เพจเฟซบุ๊กที่คึกคัก มีโพสต์ภาษาไทยจำนวนมาก"),
    "The Thai chapter meets at reunions and keeps in touch on Facebook.": (
        "สาขาประเทศไทยพบกันในงานพบปะศิษย์เก่าและติดต่อกันผ่านเฟซบุ๊ก"
    ),
}


class MissingDemoText(LookupError):
    def __init__(self, language_code, page, text):
        super().__init__(f"No {language_code} text for “{text}” on “{page.title}”.")


def translate_page(page, language_code, glossary):
    """The ``language_code`` version of ``page`` (or of a translatable snippet), translated
    from ``glossary`` and published through wagtail-localize; an existing version is returned
    as it is."""
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translations().filter(locale=locale).first()
    if existing is not None and getattr(existing, "alias_of_id", None) is None:
        return existing.specific if isinstance(existing, Page) else existing
    source, _created = TranslationSource.update_or_create_from_instance(page)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = segment.string.as_value().render_text()
        if text not in glossary:
            raise MissingDemoText(language_code, page, text)
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": StringValue.from_plaintext(glossary[text]).data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": TOOL_NAME,
            },
        )
    is_page = isinstance(page, Page)
    # A snippet without drafts can only be saved as it is (wagtail-localize refuses a draft).
    translated, _created = source.create_or_update_translation(
        locale, publish=not is_page, copy_parent_pages=is_page
    )
    if is_page:
        translated.get_latest_revision().publish()
    return translated


SECTION_TYPES = (
    m.ChapterIndexPage,
    m.EventIndexPage,
    m.MentorColumnIndexPage,
    m.MemberVoiceIndexPage,
    m.YearbookIndexPage,
    m.ProgramIndexPage,
)


def japanese_pages(home):
    """The home page, its sections, every chapter and every programme, parents first."""
    sections = [page.specific for page in home.get_children().type(*SECTION_TYPES)]
    chapters = m.ChapterPage.objects.descendant_of(home).order_by("path")
    programmes = m.ProgramPage.objects.descendant_of(home).order_by("path")
    privacy = m.StandardPage.objects.child_of(home).filter(slug="privacy")
    return [home, *sections, *chapters, *programmes, *privacy]


def indonesian_pages(home):
    chapters = home.get_children().type(m.ChapterIndexPage).first().specific
    indonesia = m.ChapterPage.objects.child_of(chapters).get(country="ID")
    events = m.EventPage.objects.child_of(indonesia).order_by("path")
    return [home, chapters, indonesia, *events]


def country_pages(home, country):
    chapters = home.get_children().type(m.ChapterIndexPage).first().specific
    return [home, chapters, m.ChapterPage.objects.child_of(chapters).get(country=country)]


def translate_demo_pages(home):
    for page in japanese_pages(home):
        translate_page(page, "ja", JAPANESE)
    for page in indonesian_pages(home):
        translate_page(page, "id", INDONESIAN)
    for page in country_pages(home, "CN"):
        translate_page(page, "zh-hans", SIMPLIFIED_CHINESE)
    for page in country_pages(home, "TH"):
        translate_page(page, "th", THAI)


def translate_demo_contact(network):
    """The secretariat's contact details in Japanese, for the footer of /ja/."""
    if network.contact is not None:
        translate_page(network.contact, "ja", JAPANESE)
