#!/usr/bin/env python3
"""Writes the loader fixtures in tests/data/loader/. Run it again after changing it;
the files are committed so that the tests need no Python.

Every ID number here is synthetic: a real region code, a birth date and a
sequence number chosen for tests, with its check character computed."""
import pathlib

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def check(body):
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, W)) % 11]


def idn(region, birth, seq):
    body = f"{region}{birth}{seq:03d}"
    return body + check(body)


ZHANG = idn("430102", "19800101", 901)
LI = idn("430102", "19850505", 912)
WANG = idn("431202", "19900909", 923)
ZHAO = idn("431202", "19750315", 934)
QIAN = idn("431202", "19681120", 945)  # ends in X
QIAN15 = QIAN[:6] + QIAN[8:17]
ZEROS = "430102198002020000"  # valid, and ends in 000

out = pathlib.Path(__file__).parent / "loader"
out.mkdir(exist_ok=True)


def write(name, rows, sep=",", encoding="utf-8", bom=False, eol="\r\n"):
    text = eol.join(sep.join(r) for r in rows) + eol
    data = text.encode(encoding)
    if bom and encoding == "utf-8":
        data = b"\xef\xbb\xbf" + data
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    (out / name).write_bytes(data)


EMP_ZH = ["单位", "部门", "姓名", "公民身份号码", "职务", "人员类别", "入职日期", "离职日期"]
EMPLOYEES = [
    ["市城建投资集团", "财务部", "张三", ZHANG, "会计", "普通员工", "2010-03-01", ""],
    ["市城建投资集团", "工程部", "李四", LI, "工程师", "普通员工", "2015/6/1", "2020/6/30"],
    ["市交通建设集团", "工程部", "李四", LI, "项目经理", "普通员工", "2020/7/1", ""],
    ["市交通建设集团", "办公室", "王五", f'"=""{WANG}"""', "主任", "领导班子成员", "2012年1月5日", ""],
    ["市水务集团", "办公室", "赵六", "'" + ZHAO, "科员", "普通员工", "40179", ""],
    ["市水务集团", "办公室", "钱　七", QIAN15, "科员", "普通员工", "20050101", ""],
]
write("employees_utf8_bom.csv", [EMP_ZH] + EMPLOYEES, bom=True)
write("employees_utf8.csv", [EMP_ZH] + EMPLOYEES, eol="\n")
gb = [r[:] for r in EMPLOYEES]
gb[5][2] = "㒲七"  # a GB18030 four-byte character (82 30 82 35), not in GBK
write("employees_gb18030.csv", [EMP_ZH] + gb, encoding="gb18030")
EMP_EN = ["Unit", "Department", "Name", "ID Number", "Position", "Category", "Hire Date", "Leave Date"]
plain = [[c.strip('"').replace('=""', "").replace('"""', "") for c in r] for r in EMPLOYEES]
write("employees_utf16.txt", [EMP_EN] + plain, sep="\t", encoding="utf-16-le")

MESSY = [
    ["市城建投资集团", "财务部", "甲", ZHANG[:-1] + ("1" if ZHANG[-1] != "1" else "2"), "会计", "", "2010-03-01", ""],  # 2 bad_check
    ["市城建投资集团", "财务部", "乙", "4301021980", "会计", "", "2010-03-01", ""],  # 3 bad_length
    ["市城建投资集团", "财务部", "丙", "43010219800101901A", "会计", "", "2010-03-01", ""],  # 4 bad_character
    ["市城建投资集团", "财务部", "丁", "20" + ZHANG[2:], "会计", "", "2010-03-01", ""],  # 5 bad_province
    ["市城建投资集团", "财务部", "戊", "430102198002300000", "会计", "", "2010-03-01", ""],  # 6 impossible_date
    ["市城建投资集团", "财务部", "己", idn("430102", "20990101", 901), "会计", "", "2010-03-01", ""],  # 7 future_date
    ["市城建投资集团", "财务部", "庚", "4.30102E+17", "会计", "", "2010-03-01", ""],  # 8 spreadsheet_damage
    ["市城建投资集团", "财务部", "辛", "", "会计", "", "2010-03-01", ""],  # 9 missing_id
    ["市城建投资集团", "财务部", "", LI, "会计", "", "2010-03-01", ""],  # 10 missing_name
    ["", "财务部", "壬", LI, "会计", "", "2010-03-01", ""],  # 11 missing_unit
    ["市城建投资集团", "财务部", "癸", LI, "会计", "", "2010-02-30", ""],  # 12 bad_date
    ["市城建投资集团", "财务部", "子", LI, "会计", "", "", ""],  # 13 missing_date
    ["市城建投资集团", "财务部", "丑", LI, "会计", "", "2010-03-01", "2009-01-01"],  # 14 date_order
    ["市城建投资集团", "财务部"],  # 15 short_row
    ["市城建投资集团", "财务部", "寅", LI, "会计", "", "2010-03-01", "", "多余"],  # 16 long_row
    ["市城建投资集团", "财务部", "卯", ZEROS, "会计", "", "2010-03-01", ""],  # 17 accepted, suspect
    ["市城建投资集团", "财务部", "卯", ZEROS, "会计", "", "2010-03-01", ""],  # 18 duplicate
    [],  # 19 blank line
    ["市城建投资集团", "财务部", "辰", ZHANG, "会计", "", "2010-03-01", ""],  # 20 accepted
]
write("employees_messy.csv", [EMP_ZH] + MESSY)
# Line 21: a row with a byte that is not UTF-8; line 22: a quote left open.
with open(out / "employees_messy.csv", "ab") as f:
    f.write("市城建投资集团,财务部,".encode() + b"\xd5\xc5\xc8\xfd," + f"{WANG},会计,,2010-03-01,\r\n".encode())
    f.write(f'市城建投资集团,财务部,"巳,{QIAN},会计,,2010-03-01,\r\n'.encode())

write("employees_no_id.csv", [["单位", "姓名", "入职日期"], ["市水务集团", "张三", "2010-01-01"]])

OFF_ZH = ["姓名", "身份证号码", "违法行为", "违法时间", "血液酒精含量（mg/100ml）", "违法地点", "处罚结果",
          "决定书编号", "处罚机关"]
OFFENCES_A = [
    ["张三", ZHANG, "醉驾", "2021-03-05 22:10", "85", "迎丰路", "拘役一个月", "HA-2021-001", "市公安局交警支队"],
    ["李四", LI, "酒后驾驶", "2022/1/2", "19.9", "人民路", "", "HA-2022-002", "市公安局交警支队"],
    ["李四", LI, "饮酒后驾驶机动车", "2022/1/3", "20", "人民路", "罚款2000元", "HA-2022-003", "市公安局交警支队"],
    ["路人", idn("430105", "19700101", 911), "赌博", "2021-05-05", "", "某茶楼", "拘留10日", "HA-2021-004", "鹤城分局"],
    ["王五", WANG, "吸毒", "2023年4月1日", "", "某小区", "强制隔离戒毒", "HA-2023-005", "鹤城分局"],
    ["赵六", ZHAO, "超速", "2023-04-01", "", "", "", "HA-2023-006", "市公安局交警支队"],
    ["赵六", ZHAO, "酒驾", "2023-04-02", "很多", "", "", "HA-2023-007", "市公安局交警支队"],
]
write("offences_a.csv", [OFF_ZH] + OFFENCES_A)
OFFENCES_B = [
    ["张三", ZHANG, "醉酒驾驶", "2021-03-05", "85", "迎丰路", "拘役一个月", "HA-2021-001", "市公安局交警支队"],
    ["钱七", QIAN15, "嫖娼", "2019-08-08", "", "某宾馆", "拘留10日", "HA-2019-008", "鹤城分局"],
]
write("offences_b_gb18030.csv", [OFF_ZH] + OFFENCES_B, encoding="gb18030")
print("ids:", ZHANG, LI, WANG, ZHAO, QIAN, QIAN15, ZEROS)
