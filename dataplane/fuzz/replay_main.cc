// A libFuzzer-compatible driver for the default build (gcc, no libFuzzer): runs
// every file and directory given on the command line through the target, then
// a bounded number of seeded mutations of them (byte flips, inserts, deletes,
// splices of two inputs, repeated tokens), so `make test` fuzzes too.
//   fuzz_X_replay [-runs=N] [-seed=S] CORPUS_DIR_OR_FILE...
// Exits non-zero only through a sanitizer report or a crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

static void load(const std::string& path, std::vector<std::string>& out) {
  struct stat st;
  if (stat(path.c_str(), &st) < 0) { fprintf(stderr, "replay: %s: %s\n", path.c_str(), strerror(errno)); exit(2); }
  if (S_ISDIR(st.st_mode)) {
    DIR* d = opendir(path.c_str());
    while (dirent* e = d ? readdir(d) : nullptr)
      if (e->d_name[0] != '.') load(path + "/" + e->d_name, out);
    if (d) closedir(d);
    return;
  }
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  out.push_back(ss.str());
}

static void run(const std::string& s) { LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size()); }

int main(int argc, char** argv) {
  long runs = 20000;
  unsigned long seed = 0x5eed;
  std::vector<std::string> corpus;
  for (int i = 1; i < argc; ++i) {
    if (!strncmp(argv[i], "-runs=", 6)) runs = atol(argv[i] + 6);
    else if (!strncmp(argv[i], "-seed=", 6)) seed = strtoul(argv[i] + 6, nullptr, 0);
    else load(argv[i], corpus);
  }
  if (corpus.empty()) corpus.push_back("");
  for (auto& c : corpus) run(c);
  std::mt19937_64 rnd(seed);
  static const char* tokens[] = {"->", "::", "[", "]", "(", ")", ",", ";", "$x", "define($x 1)", "elementclass E { input -> output }",
                                 "\r\n", "\n", "WRITEDATA ", "READ ", "READUNTIL ", "WRITEUNTIL ", "CHECKWRITE ", " 99999999999\r\n",
                                 "ns.config", "c.count", "hotconfig", ".", "0.", "//", "/*", "\"", "\\", "or", "and not", "src net 10.0.0.0/8"};
  for (long k = 0; k < runs; ++k) {
    std::string s = corpus[rnd() % corpus.size()];
    int edits = 1 + int(rnd() % 8);
    for (int e = 0; e < edits; ++e) {
      size_t pos = s.empty() ? 0 : size_t(rnd() % (s.size() + 1));
      switch (rnd() % 6) {
        case 0: if (!s.empty() && pos < s.size()) s[pos] = char(s[pos] ^ (1u << (rnd() % 8))); break;
        case 1: s.insert(pos, 1, char(rnd() % 256)); break;
        case 2: if (pos < s.size()) s.erase(pos, 1 + size_t(rnd() % 16)); break;
        case 3: s.insert(pos, tokens[rnd() % (sizeof tokens / sizeof *tokens)]); break;
        case 4: { const std::string& o = corpus[rnd() % corpus.size()]; size_t a = o.empty() ? 0 : rnd() % o.size();
                  s.insert(pos, o.substr(a, size_t(rnd() % 64))); break; }
        case 5: if (pos < s.size()) s.insert(pos, s.substr(pos, 1 + size_t(rnd() % 8))); break;
      }
      if (s.size() > 8192) s.resize(8192);
    }
    run(s);
  }
  printf("replay: %zu corpus inputs and %ld mutations ran clean\n", corpus.size(), runs);
  return 0;
}
