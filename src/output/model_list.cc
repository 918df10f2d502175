#include "qinglian/output/model_list.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "qinglian/base/text.h"

namespace qinglian {
namespace {

// When a record becomes a lead under `m`, in words.
std::string When(const Model& m, Lang lang) {
  const bool zh = lang == Lang::kZh;
  switch (m.relation) {
    case Relation::kDuring:
      return zh ? "记录日期在在职期间内" : "the record's day falls in a period of employment";
    case Relation::kOverlap:
      return zh ? fmt::format("记录期间与在职期间重叠至少{}天", m.min_overlap_days)
                : fmt::format("the record's period overlaps employment by {} day{} or more",
                              m.min_overlap_days, m.min_overlap_days == 1 ? "" : "s");
    case Relation::kAfter:
      return zh ? fmt::format("记录日期之后仍在职超过{}天", m.after_days)
                : fmt::format("still employed more than {} days after the record's day",
                              m.after_days);
  }
  return "";
}

}  // namespace

std::string FormatModelList(const std::vector<Model>& models, const LabelBook& labels,
                            const OffenceVocabulary& vocabulary, Lang lang) {
  const bool zh = lang == Lang::kZh;
  std::string out;
  for (const Model& m : models) {
    out += fmt::format("{}  {}\n", m.name, m.title(lang));
    out += fmt::format("  {}{}{} × {}\n", zh ? "比对：" : "compares: ", labels.Kind(m.people, lang),
                       zh ? "" : "", labels.Kind(m.events, lang));
    out += fmt::format("  {}{}\n", zh ? "线索条件：" : "a lead when: ", When(m, lang));
    if (!m.types.empty()) {
      std::vector<std::string> types;
      for (uint16_t t : m.types)
        types.push_back(zh ? vocabulary.types()[t].zh : vocabulary.types()[t].en);
      out += fmt::format("  {}{}\n",
                         zh ? "违法类型：" : "offence types: ", Join(types, zh ? "、" : ", "));
    }
    out += zh ? fmt::format("  回溯：{}年\n", m.lookback_years)
              : fmt::format("  looks back: {} years\n", m.lookback_years);
  }
  return TerminalText(out, /*keep_newlines=*/true);
}

std::string FormatModelListJson(const std::vector<Model>& models,
                                const OffenceVocabulary& vocabulary) {
  using nlohmann::json;
  json arr = json::array();
  for (const Model& m : models) {
    json types = json::array();
    for (uint16_t t : m.types) types.push_back(vocabulary.types()[t].code);
    arr.push_back({{"name", m.name},
                   {"title_zh", m.title_zh},
                   {"title_en", m.title_en},
                   {"people", m.people},
                   {"events", m.events},
                   {"relation", Code(m.relation)},
                   {"min_overlap_days", m.min_overlap_days},
                   {"after_days", m.after_days},
                   {"offence_types", types},
                   {"lookback_years", m.lookback_years}});
  }
  return arr.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace qinglian
