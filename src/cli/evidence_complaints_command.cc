#include "cli/evidence_complaints_command.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "cli/complaint_filing_builder.h"
#include "cli/registry_home.h"
#include "store/evidence_complaint_links.h"
#include "store/evidence_log.h"
#include "store/migrations.h"

namespace jianmei::cli {
namespace {

using nlohmann::json;

json Profile(const registry::Institution& i, const std::vector<uint64_t>& entries) {
  json j = {{"licence", i.licence}, {"name", i.name}, {"type", i.type}, {"city", i.city},
            {"status", registry::RecordStatusName(i.status)}, {"complaints", entries.size()},
            {"complaint_entries", entries}};
  if (i.level) j["level"] = i.level;
  return j;
}

}  // namespace

int RunComplaints(const ComplaintsOptions& o, std::ostream& out, std::ostream& err) {
  auto fail = [&](const Status& s, int code = kExitFailure) {
    err << "jianmei evidence complaints: " << s.ToString() << "\n";
    return code;
  };
  store::LogOptions log_options;
  log_options.home = o.home;
  auto log = store::EvidenceLog::Open(log_options);
  if (!log.ok()) return fail(log.status());
  auto kb = LoadKnowledge(o.global);
  if (!kb.ok()) return fail(kb.status());
  auto dir = LoadRegistryDirectory(*kb, store::DatabasePath(o.home));
  if (!dir.ok()) return fail(dir.status());
  store::Db* db = (*log)->db();

  if (*dir) {
    auto linked = store::LinkComplaints(db, [&](std::string_view name) -> std::optional<std::string> {
      auto found = ResolveInstitution(**dir, name);
      if (!found.ok() || found->size() != 1) return std::nullopt;
      return (*found)[0].licence;
    });
    if (!linked.ok()) return fail(linked.status());
    err << "jianmei evidence complaints: " << linked->linked << " newly linked to the registry, "
        << linked->unresolved << " naming no single registry institution\n";
  } else {
    err << "jianmei evidence complaints: no registry in " << store::DatabasePath(o.home)
        << " (jianmei registry import); complaints are listed by name only\n";
  }

  if (!o.institution.empty()) {
    if (!*dir) return fail(Status::NotFound("no registry to look up " + o.institution + " in"));
    auto resolved = ResolveInstitution(**dir, o.institution);
    if (!resolved.ok()) return fail(resolved.status());
    const std::vector<registry::Institution>& found = *resolved;
    if (found.empty()) {
      return fail(Status::NotFound("no institution with licence or name 「" + o.institution +
                                   "」 in the registry"), kExitInputErrors);
    }
    if (found.size() > 1) {
      std::string list;
      for (const registry::Institution& i : found) list += "\n  " + i.licence + " " + i.name;
      return fail(Status::InvalidArgument("「" + o.institution + "」 names " +
                                          std::to_string(found.size()) +
                                          " institutions; give the licence number of one:" + list));
    }
    auto entries = store::ComplaintsOfLicence(db, found[0].licence);
    if (!entries.ok()) return fail(entries.status());
    out << Profile(found[0], *entries).dump() << "\n";
    return kExitOk;
  }

  auto tally = store::TallyComplaints(db);
  if (!tally.ok()) return fail(tally.status());
  for (const store::ComplaintTally& t : *tally) {
    json j;
    if (!t.licence.empty()) {
      j["licence"] = t.licence;
      // A licence linked earlier may have left the registry since; the link still counts.
      if (*dir) {
        auto i = (*dir)->FindByLicence(t.licence);
        if (!i.ok()) return fail(i.status());
        if (*i) j["name"] = (*i)->name;
      }
    } else {
      j["institution"] = t.institution;
      j["linked"] = false;
    }
    j["complaints"] = t.complaints;
    out << j.dump() << "\n";
  }
  return kExitOk;
}

void AddComplaintsSubcommand(CLI::App* evidence, const GlobalOptions& global, int* exit_code) {
  auto institution = std::make_shared<std::string>();
  CLI::App* cmd = evidence->add_subcommand(
      "complaints", "link complaints to the registry and count them per institution");
  cmd->add_option("--institution", *institution,
                  "one institution's profile and complaints (licence number or name)");
  cmd->callback([institution, &global, exit_code] {
    ComplaintsOptions o{JianmeiHome(), global, *institution};
    *exit_code = RunComplaints(o, std::cout, std::cerr);
  });
}

}  // namespace jianmei::cli
