#include "cli/registry_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "cli/registry_home.h"
#include "registry/qualification.h"
#include "registry/record_reader.h"
#include "registry/record_writer.h"
#include "store/files.h"
#include "store/migrations.h"
#include "store/registry_store.h"

namespace jianmei::cli {
namespace {

Result<std::unique_ptr<store::Db>> OpenRegistry(const std::string& home) {
  std::error_code ec;
  std::filesystem::create_directories(home, ec);
  if (ec) return Status::IoError("cannot create " + home + ": " + ec.message());
  auto db = store::Db::Open(store::DatabasePath(home));
  if (!db.ok()) return db.status();
  if (Status s = store::MigrateRegistrySchema(db->get()); !s.ok()) return s;
  return db;
}

std::string DefaultRejectsPath(const std::string& file) {
  std::filesystem::path p(file);
  return (p.parent_path() / (p.stem().string() + ".rejects" + p.extension().string())).string();
}

// The bad rows in the input's own format, each once, so they can be fixed and imported again.
Status WriteRejects(const std::string& path, const registry::ParsedRegistry& parsed) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IoError("cannot write the rejects file " + path);
  if (!parsed.header.empty()) out << parsed.header << "\n";
  std::set<int> written;
  for (const registry::RowError& e : parsed.errors) {
    if (written.insert(e.line).second) out << e.raw << "\n";
  }
  out.flush();
  if (!out) return Status::IoError("cannot write the rejects file " + path);
  return Status::Ok();
}

// The rejects file is written over, so it may not be the input nor the database: neither by the
// same path (however spelt) nor as the same file (device and inode: a hard or symbolic link).
Status CheckRejectsPath(const std::string& rejects, const std::string& input, const std::string& db) {
  const std::filesystem::path target = std::filesystem::path(rejects).lexically_normal();
  const std::pair<const std::string*, const char*> others[] = {{&input, "the input file"},
                                                               {&db, "the registry database"}};
  for (const auto& other : others) {
    auto same = store::SameFile(rejects, *other.first);
    if (!same.ok()) return same.status();
    if (*same || target == std::filesystem::path(*other.first).lexically_normal()) {
      return Status::InvalidArgument("--rejects " + rejects + " is " + other.second + " " + *other.first +
                                     ": writing the bad rows there would overwrite it (choose another path)");
    }
  }
  return Status::Ok();
}

int Fail(std::ostream& err, const char* command, const Status& s) {
  err << "jianmei registry " << command << ": " << s.ToString() << "\n";
  return kExitFailure;
}

}  // namespace

int RunRegistryImport(const RegistryImportOptions& options, std::ostream& out, std::ostream& err,
                      const kb::Knowledge* kb) {
  const std::string rejects = options.rejects.empty() ? DefaultRejectsPath(options.file) : options.rejects;
  if (Status s = CheckRejectsPath(rejects, options.file, store::DatabasePath(options.home)); !s.ok()) {
    return Fail(err, "import", s);
  }
  // An empty file is read as one (and refused by ReadRegistry as the HTTP import refuses it).
  auto data = store::ReadFile(options.file);
  if (!data.ok()) {
    return Fail(err, "import", Status::IoError("cannot read " + options.file + ": " + data.status().message()));
  }
  auto db = OpenRegistry(options.home);
  if (!db.ok()) return Fail(err, "import", db.status());
  // A doctor's institution is looked up in the database (one indexed query), not in a set of
  // every licence held in memory.
  Status lookup_failed;
  auto known = [&](std::string_view licence) {
    auto has = store::HasInstitution(db->get(), licence);
    if (!has.ok()) lookup_failed = has.status();
    return has.ok() && *has;
  };
  std::function<bool(std::string_view)> project_known;
  if (kb) {
    project_known = [&](std::string_view name) {
      return registry::RegisteredProject(*kb, name) != nullptr;
    };
  }
  registry::ParsedRegistry parsed = registry::ReadRegistry(
      *data, registry::FormatOf(options.file),
      known, project_known);
  if (!lookup_failed.ok()) return Fail(err, "import", lookup_failed);
  for (const registry::RowError& e : parsed.errors) {
    err << options.file << ": " << registry::FormatRowError(e) << "\n";
  }
  if (!parsed.errors.empty()) {
    std::set<int> lines;
    for (const auto& e : parsed.errors) lines.insert(e.line);
    err << options.file << ": " << lines.size() << " bad row(s)";
    if (registry::HasFatalError(parsed) || !options.skip_bad) {
      err << "; nothing imported"
          << (registry::HasFatalError(parsed) ? " (the file cannot be read as a registry)\n"
                                              : " (fix them, or import the good rows with --skip-bad)\n");
      return kExitInputErrors;
    }
    if (Status s = WriteRejects(rejects, parsed); !s.ok()) return Fail(err, "import", s);
    err << " written to " << rejects << "\n";
  }
  // The keys are folded as the knowledge base folds (its normaliser is the default one).
  std::shared_ptr<const text::Normalizer> own_normalizer;
  if (!kb) {
    auto made = text::Normalizer::Create();
    if (!made.ok()) return Fail(err, "import", made.status());
    own_normalizer = *made;
  }
  const text::Normalizer& normalizer = kb ? kb->normalizer() : *own_normalizer;
  auto counts = store::SaveRegistry(db->get(), normalizer, parsed.institutions, parsed.doctors);
  if (!counts.ok()) return Fail(err, "import", counts.status());
  out << "imported " << options.file << " into " << store::DatabasePath(options.home) << ": institutions "
      << counts->institutions_added << " added, " << counts->institutions_updated << " updated; doctors "
      << counts->doctors_added << " added, " << counts->doctors_updated << " updated\n";
  return parsed.errors.empty() ? kExitOk : kExitInputErrors;
}

int RunRegistryExport(const std::string& home, bool doctors, std::ostream& out, std::ostream& err) {
  auto db = OpenRegistry(home);
  if (!db.ok()) return Fail(err, "export", db.status());
  // Spreadsheet-safe cells (registry/spreadsheet_cell.h): an export is opened in spreadsheets.
  // Row by row: the registry is never held in memory whole.
  using registry::SpreadsheetCsvLine;
  out << SpreadsheetCsvLine(doctors ? registry::kDoctorColumns : registry::kInstitutionColumns) << "\n";
  Status s = doctors ? store::ForEachDoctor(db->get(), [&](registry::Doctor&& d) {
                         out << SpreadsheetCsvLine(registry::DoctorFields(d)) << "\n";
                         return true;
                       })
                     : store::ForEachInstitution(db->get(), [&](registry::Institution&& i) {
                         out << SpreadsheetCsvLine(registry::InstitutionFields(i)) << "\n";
                         return true;
                       });
  if (!s.ok()) return Fail(err, "export", s);
  out.flush();
  if (!out) return Fail(err, "export", Status::IoError("cannot write the export"));
  return kExitOk;
}

void AddRegistryCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "registry", "institution and doctor registry in $JIANMEI_HOME/jianmei.db (doc/registry.md)");
  cmd->require_subcommand(1);

  auto import = std::make_shared<RegistryImportOptions>();
  CLI::App* imp = cmd->add_subcommand(
      "import", "Import institutions or doctors from CSV or JSON Lines; updates by licence number. "
                "Exit 0 when all rows were imported, 1 when some were bad (all reported), 2 on failure.");
  imp->add_option("file", import->file, "CSV (RFC 4180, UTF-8) or .jsonl file")->required();
  imp->add_flag("--skip-bad", import->skip_bad, "import the good rows and write the bad ones to a rejects file");
  imp->add_option("--rejects", import->rejects, "rejects file (default: FILE.rejects.csv / .jsonl)");
  imp->callback([import, &global, exit_code] {
    import->home = JianmeiHome();
    auto kb = LoadKnowledge(global);
    if (!kb.ok()) {
      std::cerr << "jianmei registry import: " << kb.status().ToString()
                << " (registered projects are checked against the knowledge base)\n";
      *exit_code = kExitFailure;
      return;
    }
    *exit_code = RunRegistryImport(*import, std::cout, std::cerr, kb->get());
  });

  auto doctors = std::make_shared<bool>(false);
  auto output = std::make_shared<std::string>();
  CLI::App* exp = cmd->add_subcommand("export", "Write the registry as CSV (the import's columns).");
  exp->add_flag("--doctors", *doctors, "export the doctors instead of the institutions");
  exp->add_option("-o,--output", *output, "file to write (default: standard output)");
  exp->callback([doctors, output, exit_code] {
    if (output->empty()) {
      *exit_code = RunRegistryExport(JianmeiHome(), *doctors, std::cout, std::cerr);
      return;
    }
    std::ofstream file(*output, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "jianmei registry export: cannot write " << *output << "\n";
      *exit_code = kExitFailure;
      return;
    }
    *exit_code = RunRegistryExport(JianmeiHome(), *doctors, file, std::cerr);
  });

  auto query = std::make_shared<std::string>();
  CLI::App* search = cmd->add_subcommand(
      "search", "Institutions whose name, alias or licence contains the query. Exit 1 when none.");
  search->add_option("query", *query, "part of a name, alias or licence number")->required();
  search->callback([query, &global, exit_code] {
    auto kb = LoadKnowledge(global);
    auto dir = kb.ok() ? LoadRegistryDirectory(*kb, store::DatabasePath(JianmeiHome()))
                       : Result<std::shared_ptr<const registry::Directory>>(kb.status());
    if (!dir.ok()) {
      *exit_code = Fail(std::cerr, "search", dir.status());
      return;
    }
    std::vector<registry::Institution> hits;
    if (*dir) {
      auto found = (*dir)->Search(*query, 50);
      if (!found.ok()) {
        *exit_code = Fail(std::cerr, "search", found.status());
        return;
      }
      hits = std::move(*found);
    }
    for (const registry::Institution& i : hits) {
      std::cout << i.licence << "\t" << i.name << "\t" << i.type << "\t" << i.city << "\t"
                << registry::RecordStatusName(i.status) << "\n";
    }
    *exit_code = hits.empty() ? kExitInputErrors : kExitOk;
  });
}

}  // namespace jianmei::cli
