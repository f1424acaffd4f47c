// `jianmei evidence verify BUNDLE [--key K]... [--trusted-keys FILE] [--origin O] [--tsa-cert PEM]
// [--html FILE]`: checks an evidence bundle offline (doc/evidence_format.md, "Bundle" and
// "Identity"); needs no log. Stateless; each run reads only its options and files.
#pragma once

#include <CLI/CLI.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace jianmei::cli {

struct VerifyOptions {
  std::string bundle;                 // file, '-' = stdin
  std::vector<std::string> keys;      // --key: verifier keys to pin (name+id+key), repeatable
  std::string trusted_keys;           // --trusted-keys: file of verifier keys, one per line
  std::string origin;                 // --origin: the checkpoint origin to pin
  std::string tsa_cert;               // --tsa-cert: PEM the timestamp must chain to
  std::string html;                   // --html: report file, '-' = stdout
};

// Exit codes: 0 verified and the signer authenticated by a pinned key or derived origin;
// 1 verification failed (or a pin was contradicted); 2 usage or I/O failure; 3 the bundle is
// self-consistent but nothing pinned its signer, so nothing was authenticated. With 3 the first
// line of `out` begins "NOT AUTHENTICATED".
inline constexpr int kExitVerifyFailed = 1;
inline constexpr int kExitUnauthenticated = 3;
int RunVerify(const VerifyOptions& options, std::ostream& out, std::ostream& err);

// Adds `verify` under the `evidence` command.
void AddVerifySubcommand(CLI::App* evidence, int* exit_code);

}  // namespace jianmei::cli
