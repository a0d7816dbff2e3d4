#!/usr/bin/env python3
"""Writes the corpus of hostile inputs that HostileInputTests imports.

usage: python3 make-corpus.py        (from this folder; rewrites every case folder)

Each case is a folder <case>/ holding files laid over a small valid site (content/…) and
expected.txt: the input errors the import must report, one per line, each the beginning of
an error line as qcsite prints it (`path:line: message`). The workbooks are written byte by
byte here, so that their zip directories and XML can be as hostile as needed.
"""
import os, shutil, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XLSX = "content/years/2024/registrations.xlsx"
CSV = "content/years/2024/registrations.csv"
HEADER = ["编号", "单位名称", "小组名称", "课题名称", "课题类型", "发表人", "报名日期"]
ROW = ["2024-001", "示例甲通信有限公司", "蓝海QC小组", "降低基站退服时长", "问题解决型", "张伟、李娜"]


# MARK: Workbooks

def zip_file(entries):
    """entries: (name, data, declared size or None, zip64 offset or None). Deflated, no data descriptors."""
    body, central = b"", b""
    for name, data, declared, zip64_offset in entries:
        raw = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = raw.compress(data) + raw.flush()
        size = len(data) if declared is None else declared
        crc = zlib.crc32(data)
        offset = len(body)
        encoded = name.encode()
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(packed), size, len(encoded), 0)
        body += encoded + packed
        extra = b""
        if zip64_offset is not None:
            extra = struct.pack("<HHQ", 0x0001, 8, zip64_offset)
            offset = 0xFFFFFFFF
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 20, 0, 8, 0, 0x21, crc, len(packed), size,
                               len(encoded), len(extra), 0, 0, 0, 0, offset) + encoded + extra
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(body), 0)
    return body + central + end


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def row(number, cells):
    return f'<row r="{number}">{"".join(cells)}</row>'


def cells(number, values, date=None):
    out = [inline(f"{chr(65 + i)}{number}", v) for i, v in enumerate(values)]
    if date is not None:
        out.append(f'<c r="G{number}" s="1"><v>{date}</v></c>')
    return out


def header():
    return row(1, cells(1, HEADER))


def workbook(rows, prolog="", shared=None, sheet_declared=None, sheet_zip64_offset=None, padding=""):
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{NS}"><sheetData>'
             + padding + "".join(rows) + "</sheetData></worksheet>")
    parts = [
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        ("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}"><sheets><sheet name="报名表" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        ("xl/styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{NS}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'),
    ]
    if shared is not None:
        items = "".join(f"<si><t>{s}</t></si>" for s in shared)
        parts.append(("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}">{items}</sst>'))
    entries = [(name, text.encode(), None, None) for name, text in parts]
    entries.append(("xl/worksheets/sheet1.xml", sheet.encode(), sheet_declared, sheet_zip64_offset))
    return zip_file(entries)


# MARK: Cases

def csv(rows):
    return ",".join(HEADER) + "\n" + "".join(",".join(r) + "\n" for r in rows)


def registration(id, **changes):
    values = dict(zip(HEADER, ROW + ["2024-08-20"]))
    values["编号"] = id
    values.update(changes)
    return [values[h] for h in HEADER]


RULES = """year: 2024
title: 2024年示例QC小组成果竞赛
published: results
stages:
  registration: {until: 2024-08-30}
rules:
  max_per_enterprise: -1
  shortlist_size: 0
  awards: {一等奖: -1, 二等奖: 99999}
  excellent_enterprises: -3
  excellent_window_years: 1000000000
  per_member_unit: 0
  profile_max_chars: 0
  drop_extremes_from: 0
  resubmission: {years_back: 0, similarity: 1.5}
  items:
    问题解决型: {选题: -5, 原因分析: 0}
  shortlist_sise: 5
"""

INCONSISTENT = """year: 2024
title: 2024年示例QC小组成果竞赛
published: results
rules:
  presenters: {min: 5, max: 2}
  excellent_group_awards: [特等奖]
"""

REGISTRY = """- id: demo-group
  name: 示例通信集团有限公司
  member: true
- id: demo a
  name: 示例甲通信有限公司
- id: ｄｅｍｏ－ｂ
  name: 示例乙网络有限公司
- id: demo-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
  name: 示例丙有限公司
- id: Demo-Group
  name: 示例丁有限公司
- id: _demo
  name: 示例戊有限公司
"""

NOTICE = "---\ntitle: 关于开展竞赛的通知\ndate: 2024-08-15\n---\n\n正文。\n"
BOMB = "title: 示例\nextra:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"  {chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))

CASES = {
    # References, numbers and zip directories that used to crash or exhaust memory.
    "xlsx-column-beyond-xfd": ({XLSX: workbook([header(), row(2, cells(2, ROW, 45524) + [inline("ZZZZZZZ2", "x")])])},
                               [f"{XLSX}:2: 单元格引用「ZZZZZZZ2」无效或超出 Excel 的最后一列 XFD"]),
    "xlsx-column-overflow": ({XLSX: workbook([header(), row(2, cells(2, ROW, 45524) + [inline("ZZZZZZZZZZZZZZZ2", "x")])])},
                             [f"{XLSX}:2: 单元格引用「ZZZZZZZZZZZZZZZ2」无效或超出 Excel 的最后一列 XFD"]),
    "xlsx-huge-dates": ({XLSX: workbook([header()] + [row(n, cells(n, registration(f"2024-00{n}")[:6], v))
                                                      for n, v in [(2, "1e300"), (3, "inf"), (4, "1e17"), (5, "-1e300")]])},
                        [f"{XLSX}:2: 报名日期「1e300」不是有效日期", f"{XLSX}:3: 报名日期「inf」不是有效日期",
                         f"{XLSX}:4: 报名日期「1e17」不是有效日期", f"{XLSX}:5: 报名日期「-1e300」不是有效日期"]),
    "xlsx-row-beyond-excel": ({XLSX: workbook([header(), row(1048577, cells(1048577, ROW, 45524))])},
                              [f'{XLSX}:2: 行号 r="1048577" 无效']),
    "xlsx-too-many-columns": ({XLSX: workbook([header(), row(2, cells(2, ROW, 45524) + [inline("GR2", "x")])])},
                              [f"{XLSX}:2: 第 200 列有内容，表格最多 128 列"]),
    "xlsx-shared-string-negative": ({XLSX: workbook([header(), row(2, ['<c r="A2" t="s"><v>-1</v></c>'] + cells(2, ROW)[1:])],
                                                    shared=["2024-001"])},
                                    [f"{XLSX}:2: 第 2 行引用了不存在的共享字符串「-1」"]),
    "xlsx-zip-bomb-declared": ({XLSX: workbook([header()], sheet_declared=0xFFFFFFF0)},
                               [f"{XLSX}: 无法读取 Excel 文件 (cannot read the workbook): xl/worksheets/sheet1.xml 解压后有 4095 MiB，超过上限 128 MiB"]),
    "xlsx-zip-bomb-ratio": ({XLSX: workbook([header()], padding=" " * (4 << 20))},
                            [f"{XLSX}: 无法读取 Excel 文件 (cannot read the workbook): xl/worksheets/sheet1.xml 的压缩比超过 100:1（疑似压缩炸弹）"]),
    "xlsx-zip-bomb-lying": ({XLSX: workbook([header()], padding=" " * (4 << 20), sheet_declared=1000)},
                            [f"{XLSX}: 无法读取 Excel 文件 (cannot read the workbook): xl/worksheets/sheet1.xml 解压后比目录记载的 1000 字节更大（疑似压缩炸弹）"]),
    "xlsx-zip64-offset": ({XLSX: workbook([header()], sheet_zip64_offset=0xFFFFFFFFFFFFFFFF)},
                          [f"{XLSX}: 无法读取 Excel 文件 (cannot read the workbook): zip 目录的 ZIP64 字段损坏"]),
    "xlsx-not-a-zip": ({XLSX: workbook([header()])[:200]},
                       [f"{XLSX}: 无法读取 Excel 文件 (cannot read the workbook): 不是有效的 xlsx（不是 zip 文件）"]),
    # Entities.
    "xlsx-entity-dtd": ({XLSX: workbook([header(), row(2, cells(2, registration("2024-001", 课题名称="AAA&xxe;BCD提高")[:6], 45524))],
                                        prolog='<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')},
                        [f"{XLSX}: 工作表 XML 有误 (malformed sheet XML): 含有 DTD 或实体声明"]),
    "xlsx-undefined-entity": ({XLSX: workbook([header(), row(2, cells(2, registration("2024-001", 课题名称="AAA&xxe;BCD提高")[:6], 45524))])},
                              [f"{XLSX}:2: 工作表 XML 有误 (malformed sheet XML): 未定义的实体引用 &xxe;"]),
    # Characters and ids.
    "xlsx-control-characters": ({XLSX: workbook([header(), row(2, cells(2, registration("2024-001", 小组名称="蓝海&#x202E;小组", 课题名称="降低_x0000_时长")[:6], 45524))])},
                                [f"{XLSX}:2: 第 3 列（小组名称）含有不允许的字符 U+202E（双向文本控制字符）",
                                 f"{XLSX}:2: 第 4 列（课题名称）含有不允许的字符 U+0000（NUL 空字符）"]),
    "csv-control-characters": ({CSV: csv([registration("2024-001", 课题名称="降低\0时长"), registration("2024-002", 小组名称="蓝海\u202e小组"),
                                          registration("2024-003", 发表人="张伟\u2066、李娜"), registration("2024-004", 课题名称="降低\a时长")])},
                               [f"{CSV}:2: 第 4 列（课题名称）含有不允许的字符 U+0000（NUL 空字符）",
                                f"{CSV}:3: 第 3 列（小组名称）含有不允许的字符 U+202E（双向文本控制字符）",
                                f"{CSV}:4: 第 6 列（发表人）含有不允许的字符 U+2066（双向文本控制字符）",
                                f"{CSV}:5: 第 4 列（课题名称）含有不允许的字符 U+0007（控制字符）"]),
    "csv-bom-not-utf8": ({CSV: b"\xef\xbb\xbf" + csv([registration("2024-001")]).encode() + b"\xff\xfe\x00"},
                         [f"{CSV}: 文件编码无法识别 (cannot decode the file)"]),
    "csv-ids": ({CSV: csv([registration("2024\u2215001"), registration("2024\uff0f002"), registration("2024-0\u200b03"),
                           registration("２０２４－００４"), registration("\u0410-005"), registration("A" * 300),
                           registration("a-007"), registration("A-007"), registration("-008")])},
                [f"{CSV}:2: 编号「2024∕001」含有不允许的字符 ∕：编号是页面地址和文件名的一部分",
                 f"{CSV}:3: 编号「2024／002」含有不允许的字符 ／：",
                 f"{CSV}:4: 编号「2024-0\u200b03」含有不允许的字符 U+200B（看不见的字符）",
                 f"{CSV}:5: 编号「２０２４－００４」含有全角字符 ２ ０ ４ －：请改用半角「2024-004」",
                 f"{CSV}:6: 编号「\u0410-005」含有不允许的字符 \u0410：",
                 f"{CSV}:7: 编号「{'A' * 50}…」有 300 个字符，超过上限",
                 f"{CSV}:9: 编号「A-007」与第 8 行的「a-007」只差大小写",
                 f"{CSV}:10: 编号「-008」以 - 开头"]),
    "registry-ids": ({"content/enterprises.yaml": REGISTRY},
                     ["content/enterprises.yaml:4: 单位 id「demo a」含有不允许的字符 空格",
                      "content/enterprises.yaml:6: 单位 id「ｄｅｍｏ－ｂ」含有全角字符 ｄ ｅ ｍ ｏ － ｂ：请改用半角「demo-b」",
                      "content/enterprises.yaml:8: 单位 id「demo-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx」有 41 个字符，超过上限",
                      "content/enterprises.yaml:10: id「Demo-Group」与第 1 行的「demo-group」只差大小写",
                      "content/enterprises.yaml:12: 单位 id「_demo」以 _ 开头"]),
    "notice-slugs": ({"content/notices/2024 通知.md": NOTICE, "content/pages/关于.md": "# 关于\n"},
                     ["content/notices/2024 通知.md: 文件名「2024 通知」含有不允许的字符 空格 通 知：",
                      "content/pages/关于.md: 文件名「关于」含有不允许的字符 关 于："]),
    "markdown-control-characters": ({"content/notices/2024-08-15-nul.md": "---\ntitle: \"关于\\u202E通知\"\ndate: 2024-08-15\n---\n\n正文\0截断。\n"},
                                    ["content/notices/2024-08-15-nul.md:2: 「关于\u202e通知」含有不允许的字符 U+202E（双向文本控制字符）",
                                     "content/notices/2024-08-15-nul.md:6: 这一行含有不允许的字符 U+0000（NUL 空字符）"]),
    "yaml-escaped-bidi": ({"content/site.yaml": 'title: "示例\\u202E竞赛"\nbase_url: /\n'},
                          ["content/site.yaml:1: 「示例\u202e竞赛」含有不允许的字符 U+202E（双向文本控制字符）"]),
    "yaml-alias-bomb": ({"content/site.yaml": BOMB}, ["content/site.yaml:1: YAML 内容过大：展开别名 (*) 后超过 2000000 个值"]),
    # Field lengths.
    "csv-field-lengths": ({CSV: csv([registration("2024-001", 课题名称="题" * 201), registration("2024-002", 小组名称="组" * 101),
                                     registration("2024-003", 发表人="张" * 51 + "、李娜")])},
                          [f"{CSV}:2: 课题名称有 201 个字符，超过上限 200 个字符",
                           f"{CSV}:3: 小组名称有 101 个字符，超过上限 100 个字符",
                           f"{CSV}:4: 发表人中的「{'张' * 10}…」有 51 个字符，超过上限 50 个字符"]),
    "csv-too-many-columns": ({CSV: csv([registration("2024-001") + [""] * 121 + ["x"]])},
                             [f"{CSV}:2: 第 129 列有内容，表格最多 128 列"]),
    # A score no sheet means (1e300 would overflow every sum).
    "scores-out-of-range": ({CSV: csv([registration("2024-001")]), "content/years/2024/judges.csv": "评委,单位名称\n王评委,\n",
                             "content/years/2024/scores/material.csv": "编号,评委,总分\n2024-001,王评委,1e300\n"},
                            ["content/years/2024/scores/material.csv:2: 总分「1e300」不是数字，或超出 ±10000"]),
    # Rules.
    "rules-ranges": ({"content/years/2024/competition.yaml": RULES},
                     ["content/years/2024/competition.yaml:18: rules 中没有「shortlist_sise」这一项",
                      "content/years/2024/competition.yaml:7: max_per_enterprise 为 -1，应在 1 到 1000 之间",
                      "content/years/2024/competition.yaml:8: shortlist_size 为 0，应在 1 到 10000 之间",
                      "content/years/2024/competition.yaml:10: excellent_enterprises 为 -3，应在 0 到 1000 之间",
                      "content/years/2024/competition.yaml:11: excellent_window_years 为 1000000000，应在 1 到 10 之间",
                      "content/years/2024/competition.yaml:12: per_member_unit 为 0，应在 1 到 100 之间",
                      "content/years/2024/competition.yaml:13: profile_max_chars 为 0，应在 1 到 100000 之间",
                      "content/years/2024/competition.yaml:14: drop_extremes_from 为 0，应在 3 到 1000 之间",
                      "content/years/2024/competition.yaml:15: resubmission.years_back 为 0，应在 1 到 10 之间",
                      "content/years/2024/competition.yaml:15: similarity 为 1.5，应在 0 到 1 之间",
                      "content/years/2024/competition.yaml:9: 一等奖 的名额 为 -1，应在 0 到 1000 之间",
                      "content/years/2024/competition.yaml:9: 二等奖 的名额 为 99999，应在 0 到 1000 之间",
                      "content/years/2024/competition.yaml:17: 问题解决型 的「选题」满分为 -5，应大于 0、不超过 1000",
                      "content/years/2024/competition.yaml:17: 问题解决型 的「原因分析」满分为 0，应大于 0、不超过 1000"]),
    "rules-inconsistent": ({"content/years/2024/competition.yaml": INCONSISTENT},
                           ["content/years/2024/competition.yaml:5: presenters 的 min（5）大于 max（2）",
                            "content/years/2024/competition.yaml:6: excellent_group_awards 中的「特等奖」不是本年度的奖项"]),
}


def main():
    for name in os.listdir(HERE):
        if os.path.isdir(os.path.join(HERE, name)):
            shutil.rmtree(os.path.join(HERE, name))
    for case, (files, expected) in CASES.items():
        for path, content in files.items():
            target = os.path.join(HERE, case, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(content if isinstance(content, bytes) else content.encode())
        with open(os.path.join(HERE, case, "expected.txt"), "w") as f:
            f.write("".join(line + "\n" for line in expected))


if __name__ == "__main__":
    main()
