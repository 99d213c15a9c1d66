"""A generated archive: short news-like documents from many sites, each site
with its own repeated chrome lines (header, footer, slogan) and seeded errors.

Text is generated from templates here (nothing is copied from any corpus).
"""

import random

UNITS = ["党委宣传部", "教务处", "科研处", "学生工作部", "研究生院", "国际交流处", "团委", "图书馆", "后勤处", "财务处"]
ACTS = ["召开专题会议", "举办培训班", "开展调研活动", "组织集中学习", "召开工作推进会", "举行签约仪式"]
TOPICS = ["人才培养", "科研创新", "安全生产", "校园文化建设", "乡村振兴", "社会服务", "数字化转型", "就业工作"]
SAYS = [
    "会议强调，要进一步提高认识，压实责任，确保{topic}各项工作落到实处。",
    "与会人员围绕{topic}进行了深入交流，提出了许多有价值的意见建议。",
    "{unit}负责同志介绍了{topic}的总体情况和下一步工作安排。",
    "大家表示，将以此次活动为契机，推动{topic}取得新成效。",
    "本次活动共有{n}名师生参加，现场气氛热烈。",
    "此次{act}为进一步做好{topic}奠定了坚实基础。",
]
# Seeded errors: halfwidth punctuation in Chinese, an impossible date,
# doubled punctuation, a wrong formulation.
ERRORS = [
    "会议指出,要切实把{topic}抓紧抓好。",
    "活动定于2023年2月30日举行。",
    "大家一致认为，成效明显。。",
    "会议要求，要深入学习贯彻习近平新时代中国特色主义思想。",
]


def site_chrome(g):
    return {
        "header": f"第{g}示范大学新闻网 首页 学校概况 新闻中心 通知公告",
        "footer": f"版权所有：第{g}示范大学党委宣传部 地址：某某市大学路{g}号 邮编：{100000 + g}",
        "slogan": f"第{g}示范大学 求是创新 追求卓越",
    }


def documents(n_docs, n_groups, seed=1):
    """`n_docs` documents as (group, id, text, date) over `n_groups` sites."""
    rng = random.Random(seed)
    chrome = [site_chrome(g) for g in range(n_groups)]
    out = []
    for i in range(n_docs):
        g = i % n_groups
        c = chrome[g]
        year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
        unit, act, topic = rng.choice(UNITS), rng.choice(ACTS), rng.choice(TOPICS)
        lines = []
        if rng.random() < 0.9:
            lines.append(c["header"])
        lines.append(f"{unit}{act}推进{topic}（第{i}期）")
        lines.append(f"发布时间：{year}-{month:02}-{day:02} 来源：{unit}")
        lines.append(f"本网讯 {month}月{day}日，{unit}{act}，研究部署{topic}相关工作。")
        for _ in range(rng.randint(2, 5)):
            lines.append(rng.choice(SAYS).format(unit=unit, act=act, topic=topic, n=rng.randint(20, 300)))
        if rng.random() < 0.3:
            lines.append(rng.choice(ERRORS).format(topic=topic))
        if rng.random() < 0.5:
            lines.append(c["slogan"])
        if rng.random() < 0.85:
            lines.append(c["footer"])
        text = "\n".join(lines) + "\n"
        out.append((f"site{g:03}", f"site{g:03}/{i:06}.txt", text, f"{year}-{month:02}-{day:02}"))
    return out
