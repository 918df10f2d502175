#include "qinglian/core/person.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "qinglian/base/date.h"
#include "qinglian/core/label_book.h"
#include "qinglian/output/person_format.h"

namespace qinglian {
namespace {

const std::vector<PersonName>& Names() {
  static const std::vector<PersonName> names = {
      {"430102198001019016", "张三"},   {"11010519491231002X", "张三丰"},
      {"430102198505059126", "李四"},   {"431202199009099234", "王五"},
      {"431202197503159344", "王 五"},  {"430102199001011238", "欧阳·娜娜"},
      {"430102199001011238", "欧阳娜"},  // renamed: one person, two names
  };
  return names;
}

std::string MatchTyped(const std::string& typed) {
  const Result<std::string> r = MatchPerson(typed, Names());
  return r.ok() ? *r : "error: " + r.error();
}

TEST_CASE("MatchPerson finds a person by an exact name, else a unique part", "[person]") {
  struct {
    const char* in;
    const char* want;
  } cases[] = {
      {"张三", "430102198001019016"},  // exact, though 张三丰 contains it
      {"三丰", "11010519491231002X"},
      {"李　四", "430102198505059126"},  // blanks normalised as the loaders do
      {" 李四 ", "430102198505059126"},
      {"欧阳・娜娜", "430102199001011238"},  // middle dots folded
      {"欧阳", "430102199001011238"},        // both names are the one person's
      {"四", "430102198505059126"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(MatchTyped(c.in) == c.want);
  }
}

TEST_CASE("MatchPerson refuses a name that names several persons or none", "[person]") {
  CHECK(MatchTyped("张") ==
        "error: 2 persons match '张': 张三 430102********9016, 张三丰 110105********002X; give "
        "more of the name or the ID number");
  CHECK(MatchTyped("王五") ==
        "error: 2 persons are named '王五': 王 五 431202********9344, 王五 "
        "431202********9234; give the ID number");
  CHECK(MatchTyped("赵六") == "error: no person matches '赵六'");
  CHECK(MatchTyped("") == "error: no name given");
  CHECK(MatchTyped("\u3000") == "error: no name given");
  // An ID number inside a name is not shown whole.
  CHECK(MatchTyped("赵六430102198001019016") ==
        "error: no person matches '赵六430102********9016'");

  std::vector<PersonName> many;
  for (const char* id : {"430102199001011238", "430102199102021232", "430102199203031237",
                         "430102199304041231", "430102198001019016"})
    many.push_back({id, "陈" + std::to_string(many.size())});
  CHECK(MatchPerson("陈", many).error() ==
        "5 persons match '陈': 陈0 430102********1238, 陈1 430102********1232, 陈2 "
        "430102********1237 and 2 more; give more of the name or the ID number");
}

TEST_CASE("MatchPerson reads an ID number in any form the loaders accept", "[person]") {
  struct {
    const char* in;
    const char* want;
  } cases[] = {
      {"430102198001019016", "430102198001019016"},
      {"430102800101901", "430102198001019016"},  // 15 digits
      {"11010519491231002x", "11010519491231002X"},
      {"４３０１０２１９８００１０１９０１６", "430102198001019016"},
      {"430102 19800101 9016", "430102198001019016"},
      {"430102-19800101-9016", "430102198001019016"},
      {"１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(MatchTyped(c.in) == c.want);
  }
  CHECK(MatchTyped("431202681120945") == "error: no person matches 431202********945X");
  CHECK(MatchTyped("430102198001019017") ==
        "error: not a valid ID number: check character should be 6, found 7");
  CHECK(MatchTyped("9016") ==
        "error: not a valid ID number: has 4 characters, expected 18 (or 15)");
}

TEST_CASE("StatusSummary counts the statuses there are in either language", "[person]") {
  CHECK(StatusSummary({2, 0, 1}, Lang::kZh) == "2 新线索、1 办结");
  CHECK(StatusSummary({2, 0, 1}, Lang::kEn) == "2 new, 1 closed");
  CHECK(StatusSummary({0, 3, 0}, Lang::kEn) == "3 transferred");
}

PersonSummary Sample() {
  PersonSummary p;
  p.id_number = "430102198505059126";
  p.name = "李四";
  p.units = {"市城建投资集团", "市交通建设集团"};
  p.types = {"drunk_driving", "drink_driving"};
  p.lead_ids = {4, 2};
  p.first_date = *ParseDate("2019-05-01");
  p.last_date = *ParseDate("2022-01-03");
  p.statuses = {1, 0, 1};
  return p;
}

TEST_CASE("Persons are shown with type labels in the language asked for, codes in JSON",
          "[person]") {
  LabelBook labels;
  labels.types["drunk_driving"] = {"醉酒驾驶", "drunk driving"};
  labels.types["drink_driving"] = {"饮酒驾驶", "drink driving"};
  ExportOptions zh;
  CHECK(PersonsTable({Sample()}, labels, zh) ==
        "姓名  身份证号            单位                            线索数  类型                "
        "最早日期    最近日期    状态\n"
        "李四  430102********9126  市城建投资集团、市交通建设集团       2  醉酒驾驶、饮酒驾驶  "
        "2019-05-01  2022-01-03  1 新线索、1 办结\n"
        "（1 人，2 条线索）\n");
  ExportOptions en;
  en.lang = Lang::kEn;
  CHECK(PersonsTable({}, labels, en) ==
        "name  id number  units  leads  types  first date  last date  status\n"
        "(0 persons, 0 leads)\n");

  std::ostringstream csv;
  en.unmask = true;
  WritePersonsCsv(csv, {Sample()}, labels, en);
  CHECK(csv.str() ==
        "\xEF\xBB\xBF"
        "name,id number,units,leads,types,first date,last date,status\r\n"
        "李四,430102198505059126\t,\"市城建投资集团, 市交通建设集团\",2,\"drunk driving, drink "
        "driving\",2019-05-01,2022-01-03,\"1 new, 1 closed\"\r\n");

  CHECK(PersonsJson({Sample()}, zh) ==
        R"([
  {
    "first_date": "2019-05-01",
    "id_number": "430102********9126",
    "last_date": "2022-01-03",
    "lead_ids": [
      4,
      2
    ],
    "leads": 2,
    "name": "李四",
    "statuses": {
      "closed": 1,
      "new": 1,
      "transferred": 0
    },
    "types": [
      "drunk_driving",
      "drink_driving"
    ],
    "units": [
      "市城建投资集团",
      "市交通建设集团"
    ]
  }
]
)");
}

}  // namespace
}  // namespace qinglian
