#include "qinglian/compare/data_quality.h"

#include <fmt/format.h>

#include <algorithm>

#include "qinglian/base/text.h"
#include "qinglian/core/idcard.h"

namespace qinglian {
namespace {

constexpr int kMinimumHireAge = 16;

struct Warnings {
  QualityWarning names{"name_conflict", 0, {}}, overlaps{"overlapping_employment", 0, {}},
      young{"hired_before_16", 0, {}};
};

void Note(QualityWarning* w, QualityExample e) {
  ++w->count;
  if (w->examples.size() < kMaxQualityExamples) w->examples.push_back(std::move(e));
}

std::string Where(const RecordSet& set, uint32_t a) {
  return fmt::format("{}:{}", set.file_of(a), set.source(a).line);
}

std::string Where(const RecordSet& set, uint32_t a, uint32_t b) {
  if (set.source(a).file != set.source(b).file) return Where(set, a) + ", " + Where(set, b);
  const uint32_t x = set.source(a).line, y = set.source(b).line;
  return fmt::format("{}:{}, {}", set.file_of(a), std::min(x, y), std::max(x, y));
}

std::string Period(const RecordSet& set, uint32_t r) {
  return set.start(r).Iso() + " to " + (set.end(r).valid() ? set.end(r).Iso() : "now");
}

// The birth date in an ID key (its digits 7 to 14).
Date BirthOf(IdKey key) {
  const std::string id = IdKeyToString(key);
  const Result<Date> d = ParseDate(id.substr(6, 8));
  return d.ok() ? *d : Date();
}

// Most persons raise no warning: the checks compare string ids and dates
// first, and build text (the masked ID, normalised names) only for a warning.
void AssessPerson(const RecordSet& set, std::span<const uint32_t> rows, Warnings* w) {
  const RecordKind& kind = set.kind();
  const auto id = [&] { return MaskIdNumber(IdKeyToString(set.key(rows[0]))); };
  if (kind.name_field >= 0 && rows.size() > 1) {
    const int64_t first_id = set.value(rows[0], kind.name_field);
    std::string first;
    for (uint32_t r : rows.subspan(1)) {
      // The same string id is the same text.
      if (set.value(r, kind.name_field) == first_id) continue;
      if (first.empty()) first = NormaliseName(set.text(rows[0], kind.name_field));
      if (NormaliseName(set.text(r, kind.name_field)) == first) continue;
      Note(&w->names, {Where(set, rows[0], r), id(),
                       std::string(set.text(rows[0], kind.name_field)) + " / " +
                           std::string(set.text(r, kind.name_field))});
      break;
    }
  }
  // The rows come in start order: a later record overlaps an earlier one
  // that has not ended before it starts.
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = i + 1; j < rows.size(); ++j) {
      const uint32_t a = rows[i], b = rows[j];
      if (set.value(a, kind.unit) != set.value(b, kind.unit)) continue;
      if (set.end(a).valid() && set.end(a) < set.start(b)) continue;
      Note(&w->overlaps, {Where(set, a, b), id(),
                          std::string(set.text(a, kind.unit)) + ": " + Period(set, a) + " and " +
                              Period(set, b)});
    }
  // The sixteenth birthday falls in the birth year (digits 7 to 10 of the
  // ID) plus 16: records all started in a later year need no birth date.
  const int birth_year = static_cast<int>(set.key(rows[0]) / 10000000 % 10000);
  if (std::all_of(rows.begin(), rows.end(), [&](uint32_t r) {
        return set.start(r).valid() && set.start(r).year() > birth_year + kMinimumHireAge;
      }))
    return;
  const Date birth = BirthOf(set.key(rows[0]));
  if (!birth.valid()) return;
  const Date sixteen = birth.AddYears(kMinimumHireAge);
  for (uint32_t r : rows) {
    if (!(set.start(r) < sixteen)) continue;
    // The age, not the birth date: the mask hides the birth date.
    int age = set.start(r).year() - birth.year();
    if (set.start(r) < birth.AddYears(age)) --age;
    Note(&w->young,
         {Where(set, r), id(), fmt::format("hired {} at age {}", set.start(r).Iso(), age)});
  }
}

}  // namespace

DataQuality AssessRoster(const Roster& roster) {
  const RecordSet& set = roster.records();
  DataQuality q;
  if (set.kind().unit < 0 || !set.kind().period) return q;
  Warnings w;
  roster.ForEachPerson([&](std::span<const uint32_t> rows) { AssessPerson(set, rows, &w); });
  for (QualityWarning* x : {&w.names, &w.overlaps, &w.young})
    if (x->count) q.warnings.push_back(std::move(*x));
  return q;
}

void AddImpreciseDates(const std::vector<FileSummary>& files, DataQuality* q) {
  QualityWarning w{"imprecise_date", 0, {}};
  for (const FileSummary& f : files) {
    w.count += f.imprecise_dates;
    for (uint32_t line : f.imprecise_lines)
      if (w.examples.size() < kMaxQualityExamples)
        w.examples.push_back({fmt::format("{}:{}", f.file, line), "", ""});
  }
  if (w.count) q->warnings.push_back(std::move(w));
}

std::string FormatDataQuality(const DataQuality& q, Lang lang) {
  if (q.empty()) return "";
  const bool zh = lang == Lang::kZh;
  std::string out = zh ? "  数据质量警告（不因此拒收任何行）：\n"
                       : "  data quality warnings (no row rejected for them):\n";
  for (const QualityWarning& w : q.warnings) {
    const char* what =
        w.code == "name_conflict"
            ? (zh ? "同一身份证号对应不同姓名" : "ID numbers with different names")
        : w.code == "overlapping_employment"
            ? (zh ? "同一人在同一单位的任职记录重叠"
                  : "overlapping records of one person in one unit")
        : w.code == "hired_before_16" ? (zh ? "入职时未满16岁" : "hire dates before the age of 16")
        : zh ? "日期只有年月（开始按第一天，结束按最后一天）"
             : "dates given as a month only (first day for a start, last for an end)";
    std::vector<std::string> examples;
    for (const QualityExample& e : w.examples) {
      std::string x = e.where;
      if (!e.id.empty()) x += " " + e.id;
      if (!e.detail.empty()) x += ": " + e.detail;
      examples.push_back(x);
    }
    out += fmt::format(fmt::runtime(zh ? "    {}：{}（{}{}）\n" : "    {}: {} ({}{})\n"), what,
                       w.count, Join(examples, "; "), w.count > w.examples.size() ? "; ..." : "");
  }
  return out;
}

}  // namespace qinglian
