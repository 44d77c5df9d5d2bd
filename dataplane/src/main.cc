// netserv-click: command line mirroring userlevel click.
//   netserv-click [-f FILE | -e EXPR] [-h ELEM.HANDLER]... [-p PORT] [-u SOCKET]
//                 [-q] [-o FILE] [VAR=VALUE]... [FILE]
#include <click/router.hh>
#include <click/confparse.hh>
#include "userlevel/hotswap.hh"
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>
#include <fnmatch.h>
using namespace netserv;

static Router* g_router = nullptr;
static volatile sig_atomic_t g_signalled = 0;

extern "C" void on_signal(int sig) {
  if (!g_router) { signal(sig, SIG_DFL); raise(sig); return; }
  g_signalled = 1;
  g_router->stop_now();
}

static void usage(FILE* f) {
  fprintf(f,
          "Usage: netserv-click [OPTION]... [ROUTERFILE] [PARAM=VALUE]...\n"
          "Run a Click router configuration at user level.\n\n"
          "  -f, --file FILE          Read router configuration from FILE.\n"
          "  -e, --expression EXPR    Use EXPR as router configuration.\n"
          "  -p, --port PORT          Listen for control connections on TCP port.\n"
          "  -u, --unix-socket FILE   Listen for control connections on UNIX socket.\n"
          "      --clickfs DIR        Mount the /click handler filesystem at DIR.\n"
          "  -h, --handler ELEM.H     Call ELEMENT's read handler H after running\n"
          "                           driver and print result to standard output.\n"
          "  -o, --output FILE        Write flat configuration to FILE.\n"
          "  -q, --quit               Do not run driver.\n"
          "      --help               Print this message and exit.\n"
          "  -v, --version            Print version number and exit.\n");
}

static int call_read_handler(Router* r, const String& name, bool print_name, ErrorHandler* errh) {
  String value;
  if (r->handler_read(name, value, errh) < 0) return -1;
  Element* e;
  const Handler* h;
  r->resolve_handler(name, e, h, nullptr);
  if (print_name) fprintf(stdout, "%s:\n", name.c_str());
  if (!(h && (h->flags & Handler::f_raw)) && !value.empty() && value.back() != '\n') value += '\n';
  fputs(value.c_str(), stdout);
  if (print_name) fputs("\n", stdout);
  return 0;
}

// What the command line asks for.
struct Options {
  String file, expr;
  bool have_file = false, have_expr = false, quit = false;
  String output_file;
  Vector<String> handlers, tcp_ports, unix_sockets, clickfs;
  std::map<String, String> defines;
};

// Parses argv into o. Returns -1 to go on, else the exit code (--help, errors).
static int parse_options(int argc, char** argv, Options& o, ErrorHandler* errh) {
  auto need = [&](int& i, const char* opt) -> const char* {
    if (i + 1 >= argc) { errh->error("option '%s' requires an argument", opt); exit(1); }
    return argv[++i];
  };
  for (int i = 1; i < argc; ++i) {
    String a = argv[i];
    String val;
    auto longopt = [&](const char* name) -> bool {
      size_t n = strlen(name);
      if (a.compare(0, n, name) == 0 && a.size() > n && a[n] == '=') { val = a.substr(n + 1); return true; }
      return false;
    };
    if (a == "-f" || a == "--file") { o.file = need(i, "-f"); o.have_file = true; }
    else if (longopt("--file")) { o.file = val; o.have_file = true; }
    else if (a == "-e" || a == "--expression") { o.expr = need(i, "-e"); o.have_expr = true; }
    else if (longopt("--expression")) { o.expr = val; o.have_expr = true; }
    else if (a == "-h" || a == "--handler") o.handlers.push_back(need(i, "-h"));
    else if (longopt("--handler")) o.handlers.push_back(val);
    else if (a == "-p" || a == "--port") o.tcp_ports.push_back(need(i, "-p"));
    else if (longopt("--port")) o.tcp_ports.push_back(val);
    else if (a == "-u" || a == "--unix-socket") o.unix_sockets.push_back(need(i, "-u"));
    else if (longopt("--unix-socket")) o.unix_sockets.push_back(val);
    else if (a == "--clickfs") o.clickfs.push_back(need(i, "--clickfs"));
    else if (longopt("--clickfs")) o.clickfs.push_back(val);
    else if (a == "-o" || a == "--output") o.output_file = need(i, "-o");
    else if (a == "-q" || a == "--quit") o.quit = true;
    else if (a == "--help") { usage(stdout); return 0; }
    else if (a == "-v" || a == "--version") { printf("netserv-click (Click) 2.1\n"); return 0; }
    else if (a.size() > 1 && a[0] == '-') { errh->error("unrecognized option '%s'", a.c_str()); usage(stderr); return 1; }
    else {
      size_t eq = a.find('=');
      bool is_var = eq != String::npos && eq > 0;
      for (size_t k = 0; is_var && k < eq; ++k) if (!isalnum((unsigned char)a[k]) && a[k] != '_') is_var = false;
      if (is_var) {
        String name = a.substr(0, eq);
        if (o.defines.count(name)) { errh->error("parameter '%s' multiply defined", name.c_str()); return 1; }
        o.defines[name] = a.substr(eq + 1);
      } else if (!o.have_file && !o.have_expr) { o.file = a; o.have_file = true; }
      else { errh->error("router configuration specified twice"); return 1; }
    }
  }
  if (o.have_file && o.have_expr) { errh->error("router configuration specified twice"); return 1; }
  return -1;
}

// The configuration text (-e, a file, or stdin) and its landmark.
static int read_config(Options& o, String& text, String& landmark, ErrorHandler* errh) {
  if (o.have_expr) { text = o.expr; landmark = "<expr>"; return 0; }
  if (!o.have_file || o.file == "-") { o.file = "-"; landmark = "<stdin>"; }
  else landmark = o.file;
  std::stringstream ss;
  if (o.file == "-") ss << std::cin.rdbuf();
  else {
    std::ifstream in(o.file, std::ios::binary);
    if (!in) { errh->error("%s: %s", o.file.c_str(), strerror(errno)); return -1; }
    ss << in.rdbuf();
  }
  text = ss.str();
  return 0;
}

// -p / -u / --clickfs add driver elements (as Click's driver does) to text;
// hot_lines gets the same for every hotconfig text.
static int add_driver_elements(const Options& o, String& text, String& hot_lines, ErrorHandler* errh) {
  int ncs = 0;
  String hot_tcp;   // hotconfig: a TCP port is free only once the old router is gone, so retry
  for (auto& p : o.tcp_ports) {
    String nm = "click_driver@@ControlSocket" + (ncs ? "@" + std::to_string(ncs) : String());
    text += "\n" + nm + " :: ControlSocket(TCP, " + p + ");";
    hot_tcp += "\n" + nm + " :: ControlSocket(TCP, " + p + ", RETRIES 10, RETRY_WARNINGS false);";
    ++ncs;
  }
  size_t after_tcp = text.size();
  for (auto& u : o.unix_sockets) text += "\nclick_driver@@ControlSocket" + (ncs ? "@" + std::to_string(ncs) : String()) + " :: ControlSocket(UNIX, " + cp_quote(u) + ");", ++ncs;

#ifdef NETSERV_HAVE_CLICKFS
  (void)errh;
  for (size_t k = 0; k < o.clickfs.size(); ++k) text += "\nclick_driver@@ClickFS" + (k ? "@" + std::to_string(k) : String()) + " :: ClickFS(" + cp_quote(o.clickfs[k]) + ");";
#else
  if (!o.clickfs.empty()) { errh->error("--clickfs: this netserv-click was built without FUSE (libfuse3-dev)"); return -1; }
#endif
  hot_lines = hot_tcp + text.substr(after_tcp);
  return 0;
}

// Runs the router; a "hotconfig" write builds the next one while this one
// runs (hotswap_make hands over sockets, tap, rings, queues) and stops this
// one, and the loop swaps them. Returns the router that ran last.
static std::unique_ptr<Router> run_with_hotconfig(std::unique_ptr<Router> router, const Options& o, const String& hot_lines) {
  std::unique_ptr<Router> pending;
  std::function<void(Router*)> install_hotconfig = [&](Router* r) {
    Handler h;
    h.name = "hotconfig";
    h.flags = Handler::f_write;
    h.write = [&, r](const String& data, Element*, ErrorHandler* eh) -> int {
      if (pending) return eh->error("hotconfig: a new configuration is already waiting to start");
      std::unique_ptr<Router> nr = hotswap_make(r, data + hot_lines, "hotconfig", o.defines, eh);
      if (!nr) return -EINVAL;
      pending = std::move(nr);
      r->stop_now();
      return 0;
    };
    r->add_handler(nullptr, h);
  };
  install_hotconfig(router.get());
  if (o.quit || !router->nelements()) return router;
  for (;;) {
    router->run();
    if (!pending || g_signalled) break;
    std::unique_ptr<Router> old = std::move(router);
    router = std::move(pending);
    g_router = router.get();
    install_hotconfig(router.get());
    hotswap_retire(std::move(old));
  }
  return router;
}

// -h ELEM.H after the driver stops. Like click: "ELEM.H" names an element,
// else ELEM may be a glob pattern ("c*.count") or a class name
// ("Counter.count"), expanding to every match. Returns 0 or 1 (exit code).
static int print_handlers(Router* router, const Vector<String>& handlers, ErrorHandler* errh) {
  int exit_value = 0;
  bool print_names = handlers.size() > 1;
  for (auto& h : handlers) {
    size_t dot = h.find('.');
    Element* e0;
    const Handler* h0;
    if (dot == String::npos || router->resolve_handler(h, e0, h0, nullptr) == 0) {
      if (call_read_handler(router, h, print_names, errh) < 0) exit_value = 1;
      continue;
    }
    String pat = h.substr(0, dot), hname = h.substr(dot + 1);
    bool is_pattern = pat.find_first_of("*?[") != String::npos;
    bool any = false;
    for (int i = 0; i < router->nelements(); ++i) {
      Element* e = router->element(i);
      bool match = is_pattern ? fnmatch(pat.c_str(), e->name().c_str(), 0) == 0 : e->cast(pat.c_str()) != nullptr;
      if (!match) continue;
      any = true;
      const Handler* hh = router->handler(e, hname);
      if (hh && hh->readable() && call_read_handler(router, e->name() + "." + hname, true, errh) < 0) exit_value = 1;
    }
    if (!any) { errh->error(is_pattern ? "no element matching '%s'" : "no element '%s'", pat.c_str()); exit_value = 1; }
  }
  return exit_value;
}

int main(int argc, char** argv) {
  ErrorHandler* errh = ErrorHandler::default_handler();
  Options o;
  int r = parse_options(argc, argv, o, errh);
  if (r >= 0) return r;
  String text, landmark, hot_lines;
  if (read_config(o, text, landmark, errh) < 0) return 1;
  if (add_driver_elements(o, text, hot_lines, errh) < 0) return 1;
  std::unique_ptr<Router> router = Router::make(text, landmark, o.defines, errh);
  if (!router) return 1;
  g_router = router.get();
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  signal(SIGPIPE, SIG_IGN);

  int exit_value = 0;
  if (!o.output_file.empty()) {
    FILE* f = o.output_file == "-" ? stdout : fopen(o.output_file.c_str(), "w");
    if (!f) { errh->error("%s: %s", o.output_file.c_str(), strerror(errno)); exit_value = 1; }
    else { String s = router->flatconfig(); fwrite(s.data(), 1, s.size(), f); if (f != stdout) fclose(f); }
  }
  router = run_with_hotconfig(std::move(router), o, hot_lines);
  if (print_handlers(router.get(), o.handlers, errh)) exit_value = 1;
  fflush(stdout);
  g_router = nullptr;
  router.reset();
  return exit_value;
}
