// KnowledgeLoader::ReadComplaintChannel and CheckComplaintWordings: kb/complaint_channels.toml
// (doc/kb_format.md `[[complaint_channel]]`), read for the complaint report.
#include <algorithm>

#include "kb/entry_reader.h"
#include "kb/knowledge_loader.h"

namespace jianmei::kb {

void KnowledgeLoader::ReadComplaintChannel(const toml::table& t, const std::string& file) {
  EntryReader r(t, file, diagnostics_);
  ComplaintChannel c;
  c.id = r.id();
  c.name = r.String("name", true);
  c.contact = r.String("contact", true);
  c.handles = r.String("handles", true);
  for (const std::string& name : r.Strings("categories", false)) {
    if (auto cat = ParseCategory(name)) {
      if (std::find(c.categories.begin(), c.categories.end(), *cat) != c.categories.end()) {
        r.Error("category \"" + name + "\" is listed twice");
      }
      c.categories.push_back(*cat);
    } else {
      r.Error("unknown category \"" + name + "\" (design §3 names them, e.g. beyond_licence_scope)");
    }
  }
  for (size_t open = c.name.find('{'); open != std::string::npos; open = c.name.find('{', open + 1)) {
    if (c.name.compare(open, 6, "{city}") != 0) {
      r.Error("name: the only placeholder a channel's name may hold is {city}");
    }
  }
  c.prov = r.ReadProvenance();
  r.Finish();
  kb_->complaint_channels_.push_back(std::move(c));
}

void KnowledgeLoader::CheckComplaintWordings() {
  if (kb_->complaint_channels_.empty()) return;
  static const std::pair<const char*, std::vector<std::string>> kRequired[] = {
      {"wording.complaint.engine_note", {"kb_version"}},
      {"wording.complaint.channels_note", {}},
      {"wording.complaint.verify", {"bundle", "origin", "size", "root", "key"}},
  };
  for (const auto& required : kRequired) {
    const std::string id = required.first;
    const std::vector<std::string>& keys = required.second;
    const auto w = std::find_if(kb_->wordings_.begin(), kb_->wordings_.end(),
                                [&](const Wording& x) { return x.id == id; });
    if (w == kb_->wordings_.end()) {
      diagnostics_->push_back({kb_->complaint_channels_.front().prov.file, 0, id,
                               "missing: the complaint report (with [[complaint_channel]]) needs it"});
      continue;
    }
    for (size_t open = w->text.find('{'); open != std::string::npos; open = w->text.find('{', open + 1)) {
      const size_t close = w->text.find('}', open);
      const std::string key = w->text.substr(open + 1, close == std::string::npos ? 0 : close - open - 1);
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        Report(w->prov, w->id, "unknown placeholder {" + key + "} in a complaint report wording");
      }
    }
  }
}

}  // namespace jianmei::kb
