// netserv-click: command line mirroring userlevel click.
//   netserv-click [-f FILE | -e EXPR] [-h ELEM.HANDLER]... [-x ELEM.HANDLER]
//                 [-p PORT] [-u SOCKET] [-qtRw] [-o FILE] [--simtime[=T]]
//                 [--flatten] [--list-elements] [VAR=VALUE]... [FILE]
#include <click/router.hh>
#include <click/confparse.hh>
#include <click/lexer.hh>
#include <sys/resource.h>
#include <sys/time.h>
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
          "  -x, --exit-handler ELEM.H  Use handler ELEM.H value for exit status.\n"
          "  -o, --output FILE        Write flat configuration to FILE.\n"
          "  -q, --quit               Do not run driver.\n"
          "  -t, --time               Print information on how long driver took.\n"
          "  -R, --allow-reconfigure  Accepted: the 'hotconfig' handler is always there.\n"
          "  -w, --no-warnings        Do not print warnings.\n"
          "      --simtime[=TIME]     Simulated time starting at TIME (default 1000000000):\n"
          "                           the clock jumps to the next timer when idle.\n"
          "      --flatten            Print the flat configuration without running\n"
          "                           (click-flatten; classes need not exist).\n"
          "      --list-elements      Print the element classes, one per line.\n"
          "      --help               Print this message and exit.\n"
          "  -v, --version            Print version number and exit.\n"
          "\n"
          "Exit status (as click's): 0 ok; 1 a bad option or configuration, a failed\n"
          "-h handler, or the -x handler's value.\n"
          "\n"
          "Examples:\n"
          "  netserv-click router.click IF0=eth1 IF1=eth2\n"
          "  netserv-click -u /run/netserv/click.sock click-configs/netserv-router.click ...\n"
          "  netserv-click -h c.count \\\n"
          "      -e 'InfiniteSource(LIMIT 5, STOP true) -> c :: Counter -> Discard'\n"
          "  netserv-click --simtime test.click < dump\n"
          "  netserv-click --flatten router.click -o flat.click\n");
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

// Options as userlevel click's Clp table: short options combine ("-qo-",
// "-qh c.count"), an option's argument is the rest of its cluster or the
// next word, long options take "=VALUE" or the next word and may be
// abbreviated to any unique prefix.
enum Opt { O_FILE, O_EXPR, O_HANDLER, O_EXIT_HANDLER, O_PORT, O_UNIX, O_CLICKFS, O_OUTPUT, O_QUIT,
           O_TIME, O_RECONF, O_NO_RECONF, O_WARN, O_NO_WARN, O_CLICKPATH, O_THREADS, O_SIMTIME,
           O_HELP, O_VERSION, O_LIST, O_FLATTEN };
enum ArgKind { NO_ARG, REQ_ARG, OPT_ARG };
struct OptSpec { const char* name; char short_name; Opt opt; ArgKind arg; };
static const OptSpec options[] = {
  {"file", 'f', O_FILE, REQ_ARG}, {"expression", 'e', O_EXPR, REQ_ARG},
  {"handler", 'h', O_HANDLER, REQ_ARG}, {"exit-handler", 'x', O_EXIT_HANDLER, REQ_ARG},
  {"port", 'p', O_PORT, REQ_ARG}, {"unix-socket", 'u', O_UNIX, REQ_ARG},
  {"clickfs", 0, O_CLICKFS, REQ_ARG}, {"output", 'o', O_OUTPUT, REQ_ARG},
  {"quit", 'q', O_QUIT, NO_ARG}, {"time", 't', O_TIME, NO_ARG},
  {"allow-reconfigure", 'R', O_RECONF, NO_ARG}, {"no-allow-reconfigure", 0, O_NO_RECONF, NO_ARG},
  {"warnings", 0, O_WARN, NO_ARG}, {"no-warnings", 'w', O_NO_WARN, NO_ARG},
  {"clickpath", 'C', O_CLICKPATH, REQ_ARG}, {"threads", 'j', O_THREADS, REQ_ARG},
  {"simtime", 0, O_SIMTIME, OPT_ARG}, {"help", 0, O_HELP, NO_ARG}, {"version", 'v', O_VERSION, NO_ARG},
  {"list-elements", 0, O_LIST, NO_ARG}, {"flatten", 0, O_FLATTEN, NO_ARG},
};

struct ParsedOpt { Opt opt; String arg; bool has_arg; };

/** Splits argv into options and operands; false (after a message) on a bad option. */
static bool split_options(int argc, char** argv, Vector<ParsedOpt>& opts, Vector<String>& operands, ErrorHandler* errh) {
  for (int i = 1; i < argc; ++i) {
    String a = argv[i];
    if (a == "--") { for (++i; i < argc; ++i) operands.push_back(argv[i]); break; }
    if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
      String name = a.substr(2), val;
      size_t eq = name.find('=');
      bool has_val = eq != String::npos;
      if (has_val) { val = name.substr(eq + 1); name = name.substr(0, eq); }
      const OptSpec* match = nullptr;
      int nmatch = 0;
      for (auto& o : options) {
        if (name == o.name) { match = &o; nmatch = 1; break; }
        if (String(o.name).compare(0, name.size(), name) == 0) { match = &o; ++nmatch; }
      }
      if (nmatch != 1) { errh->error(nmatch ? "option '%s' is ambiguous" : "unrecognized option '%s'", a.c_str()); return false; }
      if (match->arg == NO_ARG && has_val) { errh->error("option '--%s' doesn't allow an argument", match->name); return false; }
      if (match->arg == REQ_ARG && !has_val) {
        if (i + 1 >= argc) { errh->error("option '--%s' requires an argument", match->name); return false; }
        val = argv[++i]; has_val = true;
      }
      opts.push_back({match->opt, val, has_val});
    } else if (a.size() > 1 && a[0] == '-') {
      for (size_t k = 1; k < a.size(); ++k) {
        const OptSpec* match = nullptr;
        for (auto& o : options) if (o.short_name && o.short_name == a[k]) match = &o;
        if (!match) { errh->error("unrecognized option '-%c'", a[k]); return false; }
        if (match->arg == NO_ARG) { opts.push_back({match->opt, String(), false}); continue; }
        String val = a.substr(k + 1);
        if (val.empty()) {
          if (i + 1 >= argc) { errh->error("option '-%c' requires an argument", a[k]); return false; }
          val = argv[++i];
        }
        opts.push_back({match->opt, val, true});
        break;
      }
    } else
      operands.push_back(a);
  }
  return true;
}

static void short_usage() {
  fprintf(stderr, "Usage: netserv-click [OPTION]... [ROUTERFILE] [PARAM=VALUE]...\n"
                  "Try 'netserv-click --help' for more information.\n");
}

// What the command line asks for.
struct Options {
  String file, expr;
  bool have_file = false, have_expr = false, quit = false, flatten = false, report_time = false, warnings = true;
  bool have_output = false;
  String output_file, exit_handler;
  Vector<String> handlers, tcp_ports, unix_sockets, clickfs;
  std::map<String, String> defines;
};

// Parses argv into o. Returns -1 to go on, else the exit code (--help, errors).
static int parse_options(int argc, char** argv, Options& o, ErrorHandler* errh) {
  Vector<ParsedOpt> opts;
  Vector<String> operands;
  if (!split_options(argc, argv, opts, operands, errh)) { short_usage(); return 1; }
  auto set_config = [&](bool is_expr, const String& v) -> bool {
    if (o.have_file || o.have_expr) { errh->error("router configuration specified twice"); short_usage(); return false; }
    (is_expr ? o.expr : o.file) = v;
    (is_expr ? o.have_expr : o.have_file) = true;
    return true;
  };
  for (auto& p : opts) {
    switch (p.opt) {
      case O_FILE: if (!set_config(false, p.arg)) return 1; break;
      case O_EXPR: if (!set_config(true, p.arg)) return 1; break;
      case O_HANDLER: o.handlers.push_back(p.arg); break;
      case O_EXIT_HANDLER:
        if (!o.exit_handler.empty()) { errh->error("--exit-handler specified twice"); short_usage(); return 1; }
        o.exit_handler = p.arg; break;
      case O_PORT: o.tcp_ports.push_back(p.arg); break;
      case O_UNIX: o.unix_sockets.push_back(p.arg); break;
      case O_CLICKFS: o.clickfs.push_back(p.arg); break;
      case O_OUTPUT:
        if (o.have_output) { errh->error("output file specified twice"); short_usage(); return 1; }
        o.output_file = p.arg; o.have_output = true; break;
      case O_QUIT: o.quit = true; break;
      case O_TIME: o.report_time = true; break;
      case O_RECONF: case O_NO_RECONF: break;   // hotconfig is always provided
      case O_WARN: o.warnings = true; break;
      case O_NO_WARN: o.warnings = false; break;
      case O_CLICKPATH: break;                  // elements are linked in; there is no path to search
      case O_THREADS:
        if (atoi(p.arg.c_str()) != 1) errh->warning("--threads: netserv-click runs one driver thread");
        break;
      case O_SIMTIME: {
        Timestamp start;
        if (p.has_arg && !p.arg.empty()) {
          char* end;
          double d = strtod(p.arg.c_str(), &end);
          if (*end) { errh->error("--simtime: expected a time in seconds, not '%s'", p.arg.c_str()); return 1; }
          start = Timestamp::make_double(d);
        }
        Timestamp::enable_simulated_time(start);
        break;
      }
      case O_HELP: usage(stdout); return 0;
      case O_VERSION:
        printf("netserv-click (NetServ) %s\n"
               "Click 2.1 compatible: userlevel click's options and configuration language.\n", NETSERV_VERSION);
        return 0;
      case O_LIST: for (auto& c : element_class_names()) printf("%s\n", c.c_str()); return 0;
      case O_FLATTEN: o.flatten = true; break;
    }
  }
  for (auto& a : operands) {
    size_t eq = a.find('=');
    bool is_var = eq != String::npos && eq > 0;
    for (size_t k = 0; is_var && k < eq; ++k) if (!isalnum((unsigned char)a[k]) && a[k] != '_') is_var = false;
    if (is_var) {
      String name = a.substr(0, eq);
      if (o.defines.count(name)) { errh->error("parameter '%s' multiply defined", name.c_str()); return 1; }
      o.defines[name] = a.substr(eq + 1);
    } else if (!set_config(false, a)) return 1;
  }
  return -1;
}

// The configuration text (-e, a file, or stdin) and its landmark.
static int read_config(Options& o, String& text, String& landmark, ErrorHandler* errh) {
  if (o.have_expr) { text = o.expr; landmark = "config"; return 0; }   // Click names -e text "config"
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

static int write_text(const String& file, const String& s, ErrorHandler* errh) {
  FILE* f = file == "-" ? stdout : fopen(file.c_str(), "w");
  if (!f) { errh->error("%s: %s", file.c_str(), strerror(errno)); return 1; }
  fwrite(s.data(), 1, s.size(), f);
  if (f != stdout) fclose(f);
  return 0;
}

// click-flatten: the flat graph without instantiating; a name is a class
// when it is one here or reads like one (capitalized), as Click's tools
// treat classes they do not know.
static int flatten(const Options& o, const String& text, const String& landmark, ErrorHandler* errh) {
  FlatConfig fc;
  auto is_class = [](const String& n) { return find_element_class(n) || (!n.empty() && isupper((unsigned char)n[0])); };
  if (parse_click_config(text, landmark, o.defines, fc, errh, is_class) < 0) return 1;
  return write_text(o.have_output ? o.output_file : "-", unparse_flat_config(fc), errh);
}

// -o: the running configuration in Click's flat form (chained connections).
static int write_flat(Router* router, const String& file, ErrorHandler* errh) {
  FlatConfig fc;
  for (int i = 0; i < router->nelements(); ++i) {
    Element* e = router->element(i);
    fc.elements.push_back({e->name(), e->class_name(), e->configuration(), e->landmark()});
  }
  for (auto& c : router->connections()) fc.connections.push_back({c.from, c.from_port, c.to, c.to_port, String()});
  return write_text(file, unparse_flat_config(fc), errh);
}

// -x: the handler's value (an integer, or a boolean: true is 0) is the exit status.
static int exit_status(Router* router, const String& handler, ErrorHandler* errh) {
  String v;
  if (router->handler_read(handler, v, errh) < 0) return -1;
  String t = cp_uncomment(v);
  char* end;
  long n = strtol(t.c_str(), &end, 0);
  if (!t.empty() && !*end) return int(n);
  bool b;
  if (cp_bool(t, &b)) return b ? 0 : 1;
  errh->error("exit handler value should be integer");
  return -1;
}

// -t: user, system and wall time of the driver run, as click prints them.
struct RunTimer {
  struct rusage ru0;
  struct timeval tv0;
  RunTimer() { getrusage(RUSAGE_SELF, &ru0); gettimeofday(&tv0, nullptr); }
  void report() const {
    struct rusage ru1;
    struct timeval tv1, d;
    getrusage(RUSAGE_SELF, &ru1);
    gettimeofday(&tv1, nullptr);
    timersub(&ru1.ru_utime, &ru0.ru_utime, &d);
    printf("%ld.%03ldu", (long)d.tv_sec, (long)((d.tv_usec + 500) / 1000));
    timersub(&ru1.ru_stime, &ru0.ru_stime, &d);
    printf(" %ld.%03lds", (long)d.tv_sec, (long)((d.tv_usec + 500) / 1000));
    timersub(&tv1, &tv0, &d);
    printf(" %ld:%02ld.%02ld\n", (long)(d.tv_sec / 60), (long)(d.tv_sec % 60), (long)((d.tv_usec + 5000) / 10000));
  }
};

int main(int argc, char** argv) {
  ErrorHandler* errh = ErrorHandler::default_handler();
  Options o;
  int r = parse_options(argc, argv, o, errh);
  if (r >= 0) return r;
  String text, landmark, hot_lines;
  if (read_config(o, text, landmark, errh) < 0) return 1;
  if (o.flatten) return flatten(o, text, landmark, errh);
  if (add_driver_elements(o, text, hot_lines, errh) < 0) return 1;
  std::unique_ptr<Router> router = Router::make(text, landmark, o.defines, errh);
  if (!router) return 1;
  g_router = router.get();
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  signal(SIGPIPE, SIG_IGN);

  int exit_value = 0;
  if (o.have_output && write_flat(router.get(), o.output_file, errh)) exit_value = 1;
  if (!o.quit && !router->nelements() && o.warnings)
    errh->warning("%s: configuration has no elements, exiting", landmark.c_str());
  RunTimer timer;
  router = run_with_hotconfig(std::move(router), o, hot_lines);
  if (o.report_time) timer.report();
  if (print_handlers(router.get(), o.handlers, errh)) exit_value = 1;
  if (!o.exit_handler.empty()) exit_value = exit_status(router.get(), o.exit_handler, errh);
  fflush(stdout);
  g_router = nullptr;
  router.reset();
  return exit_value;
}
