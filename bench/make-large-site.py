#!/usr/bin/env python3
"""Writes a large synthetic qcsite content folder for benchmarks.

usage: make-large-site.py OUT_DIR [--years N] [--per-year M] [--enterprises E] [--writeup-bytes B]
                          [--applications A]

Deterministic (fixed seed). Every year is published to results with recorded awards,
so the whole site (year pages, achievement pages, enterprise pages, search) is rendered.
With --writeup-bytes, titles, group names and write-ups come from qc_text (varied titles, and a
write-up of about B bytes for every achievement); without it, every tenth achievement has a
short write-up.
With --applications, every year but the first has A excellent-enterprise applications (one per
enterprise, from the first A), each claiming three awards in the years before it: two on titles
the archive holds (mostly another enterprise's, or not so awarded) and one on a title it does not,
so the claim rule looks every claim up and the window rule reads every window year. They come from
a random stream of their own: the rest of the site is the same with or without them.
"""
import argparse, os, random, sys
sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
import qc_text

WORDS = ["降低", "提高", "缩短", "研发", "优化", "减少", "提升", "研制"]
OBJECTS = ["基站退服时长", "5G室分覆盖率", "家宽装机时长", "光缆故障定位时间", "机房空调能耗", "政企专线开通及时率",
           "话务高峰接通率", "工单回单差错率", "蓄电池维护成本", "传输网络时延", "投诉处理时长", "铁塔巡检效率",
           "数据中心PUE", "客户满意度", "无线网络掉话率", "备件周转天数"]
PLACES = ["太原", "大同", "阳泉", "长治", "晋城", "朔州", "晋中", "运城", "忻州", "临汾", "吕梁"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"


def name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--years", type=int, default=5)
    p.add_argument("--per-year", type=int, default=2000)
    p.add_argument("--enterprises", type=int, default=300)
    p.add_argument("--writeup-bytes", type=int, default=0)
    p.add_argument("--applications", type=int, default=0)
    a = p.parse_args()
    applications = random.Random(20240906)
    registered = {}  # year -> [(id, title, enterprise, award)]
    rng = random.Random(20240815)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "site.yaml"), "w") as f:
        f.write("title: 示例QC小组成果竞赛（基准测试）\nbase_url: https://qc.example.org/\narchive_publish: all\n")
    enterprises = []
    with open(os.path.join(a.out, "enterprises.yaml"), "w") as f:
        for i in range(a.enterprises):
            eid = f"bench-{i:04d}"
            ename = f"示例{PLACES[i % len(PLACES)]}第{i}通信有限公司"
            enterprises.append(ename)
            f.write(f"- id: {eid}\n  name: {ename}\n  aliases: [示例{PLACES[i % len(PLACES)]}{i}通信]\n  member_unit: bench-0000\n")
    os.makedirs(os.path.join(a.out, "notices"), exist_ok=True)
    first = 2025 - a.years + 1
    for y in range(first, 2026):
        with open(os.path.join(a.out, "notices", f"{y}-08-15-competition.md"), "w") as f:
            f.write(f"---\ntitle: 关于开展{y}年QC小组成果竞赛的通知\ndate: {y}-08-15\nyear: {y}\n---\n\n各有关单位：现将{y}年竞赛有关事宜通知如下。\n")
        d = os.path.join(a.out, "years", str(y))
        os.makedirs(os.path.join(d, "writeups"), exist_ok=True)
        with open(os.path.join(d, "competition.yaml"), "w") as f:
            f.write(f"year: {y}\ntitle: {y}年示例QC小组成果竞赛\npublished: results\n"
                    f"stages:\n  registration: {{until: {y}-08-30}}\n  shortlist: {{on: {y}-09-06}}\n  onsite: {{on: {y}-09-20}}\n"
                    f"rules:\n  max_per_enterprise: 1000\n")
        with open(os.path.join(d, "registrations.csv"), "w") as f, open(os.path.join(d, "awards.csv"), "w") as aw:
            f.write("编号,单位名称,小组名称,课题名称,课题类型,发表人,小组成员,报名日期,联系电话,材料,状态\n")
            aw.write("编号,奖项,入围\n")
            for i in range(a.per_year):
                rid = f"{y}-{i + 1:05d}"
                if a.writeup_bytes:
                    title, kind = qc_text.title(rng)
                    group = qc_text.group_name(rng, i)
                else:
                    title = f"{rng.choice(WORDS)}{rng.choice(PLACES)}{rng.choice(OBJECTS)}{rng.randint(1, 99)}号方案"
                    kind = "创新型" if rng.random() < 0.3 else "问题解决型"
                    group = f"第{i}QC小组"
                people = "、".join(name(rng) for _ in range(rng.randint(2, 5)))
                enterprise = rng.choice(enterprises)
                f.write(f"{rid},{enterprise},{group},{title},{kind},{people},{people},{y}-08-{rng.randint(1, 28):02d},138-0000-0000,推荐表PDF、推荐表Word、成果报告、活动记录,\n")
                award = ""
                if i < 23:
                    award = "一等奖" if i == 0 else "二等奖" if i < 3 else "三等奖" if i < 6 else ""
                    aw.write(f"{rid},{award},是\n")
                registered.setdefault(y, []).append((rid, title, enterprise, award))
                if a.writeup_bytes:
                    with open(os.path.join(d, "writeups", f"{rid}.md"), "w") as w:
                        w.write(f"---\ntitle: {title}\n---\n\n" + qc_text.writeup(rng, title, kind, group, enterprise, y, a.writeup_bytes))
                elif i % 10 == 0:
                    with open(os.path.join(d, "writeups", f"{rid}.md"), "w") as w:
                        w.write(f"---\ntitle: {title}\n---\n\n## 小组简介\n\n本小组成立于{y - 3}年，围绕{title}开展活动。\n\n## 效果\n\n- 指标提升明显\n- 经验已推广\n")
        if a.applications and y > first:
            write_applications(d, y, first, enterprises[:a.applications], registered, applications)


def write_applications(folder, year, first, applicants, registered, rng):
    with open(os.path.join(folder, "excellent-enterprises.csv"), "w") as f, open(os.path.join(folder, "claims.csv"), "w") as c:
        f.write("申报编号,单位名称,推荐单位,事迹简介,评选结果,联系人,联系电话,电子邮箱\n")
        c.write("申报编号,获奖年份,小组名称,课题名称,奖项\n")
        for j, enterprise in enumerate(applicants):
            aid = f"{year}-E{j + 1:04d}"
            f.write(f"{aid},{enterprise},{applicants[0]},{enterprise}坚持质量第一，每年注册QC小组二十余个，成果多次在全省竞赛中获奖。,,{name(rng)},138-0000-0000,e{j}@example.com\n")
            for k in range(3):
                claimed = rng.randint(max(first, year - 3), year - 1)
                rid, title, owner, award = rng.choice(registered[claimed])
                if k == 2:
                    title = title + "的再研究"
                c.write(f"{aid},{claimed},第{k}QC小组,{title},{award or '三等奖'}\n")


if __name__ == "__main__":
    main()
