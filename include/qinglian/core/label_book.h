// What people read for the codes that data files declare: lead types (the
// offence vocabulary's types, and each model of another kind of record gives
// its leads its own name as their type), models and record kinds. Built from
// the data files; a code it does not know is shown as it is.
#ifndef QINGLIAN_CORE_LABEL_BOOK_H_
#define QINGLIAN_CORE_LABEL_BOOK_H_

#include <map>
#include <string>

#include "qinglian/core/vocab.h"

namespace qinglian {

struct Labels {
  std::string zh, en;
  const std::string& in(Lang l) const { return l == Lang::kZh ? zh : en; }
};

struct LabelBook {
  std::map<std::string, Labels> types;   // lead type code -> its name
  std::map<std::string, Labels> models;  // model name -> its title
  std::map<std::string, Labels> data;    // model name -> what it compares with ("酒驾醉驾")
  std::map<std::string, Labels> kinds;   // record kind -> its name
  std::map<std::string, Labels> fields;  // "kind.field" -> the field's usual header

  std::string Type(const std::string& code, Lang l) const { return Find(types, code, l); }
  std::string Model(const std::string& name, Lang l) const { return Find(models, name, l); }
  std::string Data(const std::string& name, Lang l) const { return Find(data, name, l); }
  std::string Kind(const std::string& name, Lang l) const { return Find(kinds, name, l); }
  std::string Field(const std::string& kind, const std::string& field, Lang l) const {
    const auto it = fields.find(kind + "." + field);
    return it == fields.end() || it->second.in(l).empty() ? field : it->second.in(l);
  }

 private:
  static std::string Find(const std::map<std::string, Labels>& m, const std::string& code, Lang l) {
    const auto it = m.find(code);
    return it == m.end() || it->second.in(l).empty() ? code : it->second.in(l);
  }
};

}  // namespace qinglian

#endif  // QINGLIAN_CORE_LABEL_BOOK_H_
