#include "qinglian/input/columns.h"

#include <algorithm>
#include <initializer_list>

#include "qinglian/base/text.h"

namespace qinglian {
namespace {

struct FieldInfo {
  Field field;
  const char* name;
  const char* label_zh;
  bool employees;  // belongs to employee files
  bool offences;   // belongs to offence files
  std::initializer_list<const char*> aliases;
};

// Aliases are compared after NormaliseHeader; the field's name is always one.
const FieldInfo kFields[] = {
    {Field::kName,
     "name",
     "姓名",
     true,
     true,
     {"姓名", "名字", "人员姓名", "职工姓名", "员工姓名", "违法人姓名", "驾驶人", "驾驶人姓名",
      "name", "fullname"}},
    {Field::kIdNumber,
     "id_number",
     "身份证号",
     true,
     true,
     {"身份证号", "身份证号码", "公民身份号码", "公民身份证号", "证件号码", "证件号", "身份证",
      "居民身份证号码", "驾驶证号", "idnumber", "idno", "idcard", "id"}},
    {Field::kUnit,
     "unit",
     "单位",
     true,
     false,
     {"单位", "单位名称", "所在单位", "工作单位", "企业名称", "所属企业", "unit", "company",
      "employer"}},
    {Field::kDepartment,
     "department",
     "部门",
     true,
     false,
     {"部门", "所在部门", "部门名称", "科室", "department", "dept"}},
    {Field::kPosition,
     "position",
     "职务",
     true,
     false,
     {"职务", "岗位", "职位", "职务岗位", "position", "post", "title"}},
    {Field::kCategory,
     "category",
     "人员类别",
     true,
     false,
     {"人员类别", "类别", "人员类型", "人员身份", "category"}},
    {Field::kHireDate,
     "hire_date",
     "入职日期",
     true,
     false,
     {"入职日期", "入职时间", "参加工作时间", "参加工作日期", "进入本单位时间", "hiredate",
      "startdate"}},
    {Field::kLeaveDate,
     "leave_date",
     "离职日期",
     true,
     false,
     {"离职日期", "离职时间", "离岗日期", "离开本单位时间", "leavedate", "enddate"}},
    {Field::kOffence,
     "offence",
     "违法行为",
     false,
     true,
     {"违法行为", "违法类型", "案由", "违法行为名称", "案件类型", "违法事实", "offence", "offense",
      "offencetype", "violation"}},
    {Field::kOffenceDate,
     "offence_date",
     "违法时间",
     false,
     true,
     {"违法时间", "违法日期", "案发时间", "案发日期", "发生日期", "发生时间", "查获时间",
      "offencedate", "offensedate", "date"}},
    {Field::kBac,
     "bac",
     "血液酒精含量",
     false,
     true,
     {"血液酒精含量", "酒精含量", "血液酒精浓度", "酒精浓度", "bac"}},
    {Field::kPlace,
     "place",
     "违法地点",
     false,
     true,
     {"地点", "违法地点", "案发地点", "发生地点", "place", "location"}},
    {Field::kPenalty,
     "penalty",
     "处罚结果",
     false,
     true,
     {"处罚结果", "处罚决定", "处理结果", "处罚内容", "penalty"}},
    {Field::kCaseNo,
     "case_no",
     "案件编号",
     false,
     true,
     {"案件编号", "决定书编号", "案号", "决定书文号", "处罚决定书编号", "caseno", "casenumber"}},
    {Field::kAuthority,
     "authority",
     "处罚机关",
     false,
     true,
     {"处罚机关", "办案单位", "执法机关", "处罚单位", "authority"}},
};

const FieldInfo& Info(Field f) { return kFields[static_cast<size_t>(f)]; }

bool Belongs(const FieldInfo& info, RecordKind kind) {
  return kind == RecordKind::kEmployees ? info.employees : info.offences;
}

std::vector<Field> Required(RecordKind kind) {
  if (kind == RecordKind::kEmployees)
    return {Field::kName, Field::kIdNumber, Field::kUnit, Field::kHireDate};
  return {Field::kIdNumber, Field::kOffenceDate};
}

std::string JoinHeaders(const std::vector<std::string>& headers) {
  return headers.empty() ? "(none)" : Join(headers, ", ");
}

}  // namespace

const char* RecordKindName(RecordKind k) {
  return k == RecordKind::kEmployees ? "employees" : "offences";
}

const char* FieldName(Field f) { return Info(f).name; }
const char* FieldLabelZh(Field f) { return Info(f).label_zh; }

std::string NormaliseHeader(std::string_view header) {
  const std::string folded = FoldWidth(header);
  std::string out;
  int depth = 0;
  size_t i = 0;
  while (i < folded.size()) {
    const char32_t cp = NextCodePoint(folded, &i);
    if (cp == U'(' || cp == U'[' || cp == U'【' || cp == U'〔') {
      ++depth;
      continue;
    }
    if (cp == U')' || cp == U']' || cp == U'】' || cp == U'〕') {
      if (depth > 0) --depth;
      continue;
    }
    if (depth > 0 || IsBlank(cp) || cp < 0x20 || cp == U'_' || cp == U'-' || cp == U'*') continue;
    AppendUtf8(cp >= U'A' && cp <= U'Z' ? cp - U'A' + U'a' : cp, &out);
  }
  return out;
}

const std::string& ColumnMap::header(Field f) const {
  static const std::string kNone;
  const int c = column(f);
  return c >= 0 ? headers_[static_cast<size_t>(c)] : kNone;
}

Result<ColumnMap> ColumnMap::Build(const std::vector<std::string>& headers, RecordKind kind,
                                   const std::vector<std::string>& user_map) {
  ColumnMap map;
  map.index_.fill(-1);
  map.headers_ = headers;
  std::vector<std::string> normalised;
  for (const std::string& h : headers) normalised.push_back(NormaliseHeader(h));

  const auto assign = [&](Field f, size_t col) -> Status {
    int& slot = map.index_[static_cast<size_t>(f)];
    if (slot >= 0 && slot != static_cast<int>(col))
      return Status::Error("columns '" + headers[static_cast<size_t>(slot)] + "' and '" +
                           headers[col] + "' both give " + FieldName(f) + "; name one with --map");
    slot = static_cast<int>(col);
    return Status::Ok();
  };

  // The user's mapping first: it wins over the aliases.
  std::vector<bool> taken(headers.size(), false);
  std::array<bool, kFieldCount> by_user{};
  for (const std::string& entry : user_map) {
    const size_t eq = entry.rfind('=');
    if (eq == std::string::npos || eq == 0)
      return Status::Error("--map '" + entry + "': expected HEADER=field");
    const std::string header = NormaliseHeader(entry.substr(0, eq));
    const std::string field_name = entry.substr(eq + 1);
    const FieldInfo* info = nullptr;
    for (const FieldInfo& fi : kFields)
      if (field_name == fi.name) info = &fi;
    if (!info) {
      std::vector<std::string> names;
      for (const FieldInfo& fi : kFields) names.push_back(fi.name);
      return Status::Error("--map '" + entry + "': unknown field '" + field_name +
                           "' (fields: " + Join(names, ", ") + ")");
    }
    const auto it = std::find(normalised.begin(), normalised.end(), header);
    if (it == normalised.end()) continue;  // the mapping may be meant for another input file
    const size_t col = static_cast<size_t>(it - normalised.begin());
    map.index_[static_cast<size_t>(info->field)] = static_cast<int>(col);
    by_user[static_cast<size_t>(info->field)] = true;
    taken[col] = true;
  }

  for (size_t col = 0; col < headers.size(); ++col) {
    if (taken[col] || normalised[col].empty()) continue;
    for (const FieldInfo& fi : kFields) {
      if (!Belongs(fi, kind) || by_user[static_cast<size_t>(fi.field)]) continue;
      const bool match = std::any_of(fi.aliases.begin(), fi.aliases.end(),
                                     [&](const char* a) { return normalised[col] == a; });
      if (!match) continue;
      if (Status s = assign(fi.field, col); !s.ok()) return s;
      break;
    }
  }

  for (Field f : Required(kind)) {
    if (map.has(f)) continue;
    return Status::Error(std::string("no column for ") + FieldName(f) + " (" + FieldLabelZh(f) +
                         "); columns found: " + JoinHeaders(headers) +
                         "; name it with --map 'HEADER=" + FieldName(f) + "'");
  }
  if (kind == RecordKind::kOffences && !map.has(Field::kOffence) && !map.has(Field::kBac))
    return Status::Error("no column for offence (违法行为) or bac (血液酒精含量); columns found: " +
                         JoinHeaders(headers));
  return map;
}

Status CheckColumnMapUsed(const std::vector<std::string>& user_map,
                          const std::vector<std::string>& headers_seen) {
  std::vector<std::string> normalised, distinct;
  for (const std::string& h : headers_seen) {
    normalised.push_back(NormaliseHeader(h));
    if (std::find(distinct.begin(), distinct.end(), h) == distinct.end()) distinct.push_back(h);
  }
  for (const std::string& entry : user_map) {
    const size_t eq = entry.rfind('=');
    if (eq == std::string::npos) continue;  // ColumnMap::Build refuses it
    const std::string header = entry.substr(0, eq);
    if (std::find(normalised.begin(), normalised.end(), NormaliseHeader(header)) !=
        normalised.end())
      continue;
    return Status::Error("--map '" + entry + "': no input has a column '" + header +
                         "'; columns found: " + JoinHeaders(distinct));
  }
  return Status::Ok();
}

}  // namespace qinglian
