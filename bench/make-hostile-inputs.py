#!/usr/bin/env python3
"""Writes the large and hostile content folders that bench/readers.sh imports.

usage: make-hostile-inputs.py OUT_DIR [--csv-mb 200] [--xlsx-rows 12000] [--yaml-mb 50]

Each case is a complete content folder OUT_DIR/<case>/content (deterministic, fixed seed):
  csv-large       registrations.csv of about --csv-mb MB of valid rows (UTF-8)
  csv-limit       registrations.csv at the documented row limit (50,000 rows)
  csv-60mb        registrations.csv of 60 MB: within the file limit, beyond the row limit
  csv-invalid     a 2 MB registrations.csv whose every row has three errors
  xlsx-large      registrations.xlsx of --xlsx-rows rows (inline strings, about 1 KB of XML a row)
  yaml-large      enterprises.yaml of about --yaml-mb MB, every enterprise with aliases
  yaml-2mb        enterprises.yaml of about 2 MB, with aliases
  zip-bomb-1mb    registrations.xlsx of about 1 MB whose sheet inflates to about 1 GB
  zip-bomb-4mb    the same, about 4 MB inflating to about 4 GB
  zip-bomb-lying  a 1 MB bomb whose central directory claims a 1 KB sheet
"""
import argparse, os, random, struct, zipfile, zlib

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
OBJECTS = ["基站退服时长", "5G室分覆盖率", "家宽装机时长", "光缆故障定位时间", "机房空调能耗", "政企专线开通及时率"]
HEADER = "编号,单位名称,小组名称,课题名称,课题类型,发表人,小组成员,辅导者,报名日期,联系人,联系电话,电子邮箱,详细通信地址,邮编,材料,状态"
ENTERPRISES = """- id: bench-group
  name: 示例基准通信集团有限公司
  member: true
- id: bench-a
  name: 示例基准甲通信有限公司
  aliases: [示例基准甲通信]
  member_unit: bench-group
"""
COMPETITION = """year: 2024
title: 2024年示例QC小组成果竞赛
published: registration
stages:
  registration: {until: 2024-08-30}
"""
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def person(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def row_values(rng, i):
    people = [person(rng) for _ in range(6)]
    return [f"2024-{i:06d}", "示例基准甲通信有限公司", f"第{i}QC小组", f"降低{rng.choice(OBJECTS)}的研究{i}",
            rng.choice(["问题解决型", "创新型"]), "、".join(people[:3]), "、".join(people), person(rng), "2024-08-20",
            person(rng), "138-0000-0000", "bench@example.cn", "示例省示例市示例路1号", "030000",
            "推荐表PDF、推荐表Word、成果报告、活动记录", ""]


def site(out, case, registry=ENTERPRISES):
    root = os.path.join(out, case, "content")
    os.makedirs(os.path.join(root, "years", "2024"), exist_ok=True)
    with open(os.path.join(root, "site.yaml"), "w") as f:
        f.write("title: 基准\nbase_url: https://bench.invalid/\n")
    with open(os.path.join(root, "enterprises.yaml"), "w") as f:
        f.write(registry)
    with open(os.path.join(root, "years", "2024", "competition.yaml"), "w") as f:
        f.write(COMPETITION)
    return os.path.join(root, "years", "2024")


def csv_rows(out, case, rows=None, megabytes=None):
    rng = random.Random(20240830)
    year = site(out, case)
    limit = megabytes * 1_000_000 if megabytes else None
    with open(os.path.join(year, "registrations.csv"), "w", encoding="utf-8") as f:
        f.write(HEADER + "\n")
        written, i = 0, 0
        while (rows is None or i < rows) and (limit is None or written < limit):
            i += 1
            line = ",".join(row_values(rng, i)) + "\n"
            written += len(line.encode())
            f.write(line)


def csv_invalid(out):
    year = site(out, "csv-invalid")
    with open(os.path.join(year, "registrations.csv"), "w", encoding="utf-8") as f:
        f.write(HEADER + "\n")
        i = 0
        while f.tell() < 2_000_000:
            i += 1
            f.write(f"2024-{i:06d},示例无名公司{i % 97},g,t,问题解决型,a、b,,2024-02-30,,,,,,,,已暂停\n")


def inline(ref, text):
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def column(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def workbook_parts():
    return {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}"><sheets><sheet name="报名表" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }


def xlsx_large(out, rows):
    rng = random.Random(20240830)
    year = site(out, "xlsx-large")
    with zipfile.ZipFile(os.path.join(year, "registrations.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in workbook_parts().items():
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'.encode())
            for r, values in enumerate([HEADER.split(",")] + [row_values(rng, i) for i in range(1, rows + 1)], start=1):
                cells = "".join(inline(f"{column(c)}{r}", v) for c, v in enumerate(values) if v)
                sheet.write(f'<row r="{r}">{cells}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")


def yaml_registry(out, case, megabytes):
    entries, size, i = [ENTERPRISES], 0, 0
    while size < megabytes * 1_000_000:
        i += 1
        entry = (f"- id: bench-{i:07d}\n  name: 示例第{i}号通信有限公司\n"
                 f"  aliases: [示例{i}号通信, 示例第{i}号通信公司]\n  member_unit: bench-group\n")
        entries.append(entry)
        size += len(entry.encode())
    site(out, case, "".join(entries))


def zip_bomb(out, case, chunks, lie=False):
    """A sheet of one row followed by `chunks` × 16 MiB of spaces, written as a raw deflate stream."""
    year = site(out, case)
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData><row r="1">{inline("A1", "编号")}</row>'.encode()
    tail = b"</sheetData></worksheet>"
    chunk = b" " * (1 << 24)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = bytearray(deflate.compress(head))
    crc, size = zlib.crc32(head), len(head)
    for _ in range(chunks):
        body += deflate.compress(chunk)
        crc, size = zlib.crc32(chunk, crc), size + len(chunk)
    body += deflate.compress(tail) + deflate.flush()
    crc, size = zlib.crc32(tail, crc), size + len(tail)
    path = os.path.join(year, "registrations.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in workbook_parts().items():
            z.writestr(name, text)
    # Append the bomb by hand: Python's zipfile would inflate-check nothing but needs the data in memory.
    with open(path, "r+b") as f:
        data = f.read()
        end = data.rfind(b"PK\x05\x06")
        entries, cd_size, cd_offset = struct.unpack("<HII", data[end + 10:end + 20])
        directory = data[cd_offset:cd_offset + cd_size]
        name = b"xl/worksheets/sheet1.xml"
        declared = 1024 if lie else size
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(body), declared, len(name), 0) + name
        central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(body), declared,
                              len(name), 0, 0, 0, 0, 0, cd_offset) + name
        f.seek(cd_offset)
        f.write(local + body)
        new_cd = f.tell()
        f.write(directory + central)
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries + 1, entries + 1, len(directory) + len(central), new_cd, 0))
        f.truncate()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--csv-mb", type=int, default=200)
    p.add_argument("--xlsx-rows", type=int, default=12000)
    p.add_argument("--yaml-mb", type=int, default=50)
    p.add_argument("--only", nargs="*")
    a = p.parse_args()
    cases = {
        "csv-large": lambda: csv_rows(a.out, "csv-large", megabytes=a.csv_mb),
        "csv-limit": lambda: csv_rows(a.out, "csv-limit", rows=50_000),
        "csv-60mb": lambda: csv_rows(a.out, "csv-60mb", megabytes=60),
        "csv-invalid": lambda: csv_invalid(a.out),
        "xlsx-large": lambda: xlsx_large(a.out, a.xlsx_rows),
        "yaml-large": lambda: yaml_registry(a.out, "yaml-large", a.yaml_mb),
        "yaml-2mb": lambda: yaml_registry(a.out, "yaml-2mb", 2),
        "zip-bomb-1mb": lambda: zip_bomb(a.out, "zip-bomb-1mb", 64),
        "zip-bomb-4mb": lambda: zip_bomb(a.out, "zip-bomb-4mb", 255),
        "zip-bomb-lying": lambda: zip_bomb(a.out, "zip-bomb-lying", 64, lie=True),
    }
    for name, make in cases.items():
        if not a.only or name in a.only:
            make()


if __name__ == "__main__":
    main()
