#include "qinglian/input/columns.h"

#include <catch2/catch.hpp>

#include "qinglian/base/text.h"
#include "test_util.h"

namespace qinglian {
namespace {

TEST_CASE("NormaliseHeader ignores case, blanks, widths and bracketed units", "[columns]") {
  CHECK(NormaliseHeader("血液酒精含量（mg/100ml）") == "血液酒精含量");
  CHECK(NormaliseHeader(" 血液酒精含量 (mg/100mL)") == "血液酒精含量");
  CHECK(NormaliseHeader("ID_Number") == "idnumber");
  CHECK(NormaliseHeader("Hire Date") == "hiredate");
  CHECK(NormaliseHeader("姓　名") == "姓名");
  CHECK(NormaliseHeader("*单位【必填】") == "单位");
}

TEST_CASE("ColumnMap recognises Chinese and English headers", "[columns]") {
  const auto zh = ColumnMap::Build({"序号", "单位名称", "所在部门", "姓名", "公民身份号码", "岗位",
                                    "人员类别", "参加工作时间", "离职时间"},
                                   testing::Kind("employees"), {});
  REQUIRE(zh.ok());
  CHECK(zh->column(testing::FieldOf("employees", "unit")) == 1);
  CHECK(zh->column(testing::FieldOf("employees", "department")) == 2);
  CHECK(zh->column(testing::FieldOf("employees", "id_number")) == 4);
  CHECK(zh->column(testing::FieldOf("employees", "hire_date")) == 7);
  CHECK(zh->column(testing::FieldOf("employees", "leave_date")) == 8);
  CHECK(zh->header(testing::FieldOf("employees", "id_number")) == "公民身份号码");

  const auto en = ColumnMap::Build(
      {"Name", "ID Number", "Offence", "Offence Date", "BAC (mg/100mL)", "Case No"},
      testing::Kind("offences"), {});
  REQUIRE(en.ok());
  CHECK(en->column(testing::FieldOf("offences", "bac")) == 4);
  CHECK(en->column(testing::FieldOf("offences", "case_no")) == 5);
  CHECK_FALSE(en->has(testing::FieldOf("offences", "unit")));
}

TEST_CASE("ColumnMap takes the user's --map over the aliases", "[columns]") {
  const auto m =
      ColumnMap::Build({"当事人", "证件号码", "案由", "查处日期"}, testing::Kind("offences"),
                       {"当事人=name", "查处日期=offence_date"});
  REQUIRE(m.ok());
  CHECK(m->column(testing::FieldOf("offences", "name")) == 0);
  CHECK(m->column(testing::FieldOf("offences", "offence_date")) == 3);
}

TEST_CASE("ColumnMap names the missing field and the columns it found", "[columns]") {
  const auto m = ColumnMap::Build({"单位", "姓名", "入职日期"}, testing::Kind("employees"), {});
  REQUIRE_FALSE(m.ok());
  CHECK(
      m.error() ==
      "no column for id_number (身份证号); columns found: 单位, 姓名, 入职日期; name it with --map "
      "'HEADER=id_number'");
  CHECK(ColumnMap::Build({"a"}, testing::Kind("employees"), {"a"}).error() ==
        "--map 'a': expected HEADER=field");
  std::vector<std::string> fields;
  for (const FieldSpec& f : testing::Kind("employees").fields) fields.push_back(f.name);
  CHECK(CheckColumnMapUsed({"a=nom"}, {"a"}, fields)
            .message()
            .starts_with("--map 'a=nom': unknown field 'nom' (fields: name, id_number,"));
  CHECK(ColumnMap::Build({"姓名", "名字", "身份证号", "单位", "入职日期"},
                         testing::Kind("employees"), {})
            .error() == "columns '姓名' and '名字' both give name; name one with --map");
}

TEST_CASE("CheckColumnMapUsed names a --map header that no input has", "[columns]") {
  const std::vector<std::string> seen = {"当事人", "证件号码", "单位", "入职日期", "当事人"};
  CHECK(CheckColumnMapUsed({}, seen).ok());
  CHECK(CheckColumnMapUsed({"当事人=name", " 证件 号码 =id_number"}, seen).ok());
  CHECK(CheckColumnMapUsed({"当事人=name", "证号=id_number"}, seen).message() ==
        "--map '证号=id_number': no input has a column '证号'; columns found: 当事人, 证件号码, "
        "单位, 入职日期");
  CHECK(CheckColumnMapUsed({"x=name"}, {}).message() ==
        "--map 'x=name': no input has a column 'x'; columns found: (none)");
}

}  // namespace
}  // namespace qinglian
