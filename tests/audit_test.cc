// The audit trail: masking in its entries.
#include "qinglian/audit.h"

#include <catch2/catch.hpp>

namespace qinglian {
namespace {

TEST_CASE("MaskIdNumbersIn masks every form of ID number the loaders accept", "[audit]") {
  struct {
    const char* in;
    const char* want;
  } cases[] = {
      // Full-width digits and x, written together: masked as typed.
      {"核查４３０１０２１９８００１０１９０１６", "核查４３０１０２********９０１６"},
      {"43120219681120945ｘ", "431202********945ｘ"},
      // Dashes, spaces, ideographic spaces and line breaks between groups.
      {"430102-19800101-9016 的情况", "430102********9016 的情况"},
      {"4301 0219 8001 0190 16", "430102********9016"},
      {"430102　19800101　9016。", "430102********9016。"},
      {"430102\n198001019016", "430102********9016"},
      {"４３０１０２　１９８００１０１　９０１６", "430102********9016"},
      {"431202 681120 945", "431202*****0945"},
      // Numbers side by side that are no ID number stay as they are.
      {"--since 2024-01-01 --until 2024-12-31", "--since 2024-01-01 --until 2024-12-31"},
      {"2024-01-01 2024-12-31 12", "2024-01-01 2024-12-31 12"},
      {"电话 138 0013 8000", "电话 138 0013 8000"},
      {"第 3 批 2024-12-31", "第 3 批 2024-12-31"},
      // Next to other numbers: the ID number is found among them.
      {"2024-12-31 430102 19800101 9016", "2024-12-31 430102********9016"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(MaskIdNumbersIn(c.in) == c.want);
  }
}

}  // namespace
}  // namespace qinglian
