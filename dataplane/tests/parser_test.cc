// Lexer/parser/graph unit tests (also built under ASan+UBSan as parser_asan_test).
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/lexer.hh>
#include <click/router.hh>
#include <gtest/gtest.h>
#include <random>
using namespace netserv;

namespace {
FlatConfig parse_ok(const String& text, const std::map<String, String>& defs = {}) {
  StringErrorHandler errh;
  FlatConfig fc;
  int r = parse_click_config(text, "t.click", defs, fc, &errh);
  EXPECT_EQ(r, 0) << errh.str();
  return fc;
}
String parse_err(const String& text, const std::map<String, String>& defs = {}) {
  StringErrorHandler errh;
  FlatConfig fc;
  int r = parse_click_config(text, "t.click", defs, fc, &errh);
  EXPECT_LT(r, 0) << "expected an error for: " << text;
  return errh.str();
}
String build_err(const String& text) {
  StringErrorHandler errh;
  auto r = Router::make(text, "t.click", {}, &errh);
  EXPECT_FALSE(r) << "expected failure for: " << text;
  return errh.str();
}
int find(const FlatConfig& fc, const String& name) {
  for (size_t i = 0; i < fc.elements.size(); ++i) if (fc.elements[i].name == name) return int(i);
  return -1;
}
bool connected(const FlatConfig& fc, const String& a, int ap, const String& b, int bp) {
  int x = find(fc, a), y = find(fc, b);
  for (auto& c : fc.connections) if (c.from == x && c.from_port == ap && c.to == y && c.to_port == bp) return true;
  return false;
}
}  // namespace

TEST(ConfParse, ArgvecSplitsAtTopLevelCommas) {
  auto v = cp_argvec("a, b(c, d), \"e, f\", 'g,h' , /* x, y */ i // z, w\n");
  ASSERT_EQ(v.size(), 5u);
  EXPECT_EQ(v[0], "a");
  EXPECT_EQ(v[1], "b(c, d)");
  EXPECT_EQ(v[2], "\"e, f\"");
  EXPECT_EQ(v[3], "'g,h'");
  EXPECT_EQ(v[4], "i");
  EXPECT_TRUE(cp_argvec("   ").empty());
  EXPECT_EQ(cp_argvec("a,").size(), 2u);
}

TEST(ConfParse, UnquoteProcessesEscapes) {
  EXPECT_EQ(cp_unquote("\"a\\nb\\x41\\<42 43>\""), "a\nbABC");
  EXPECT_EQ(cp_unquote("'a\\n'"), "a\\n");
  EXPECT_EQ(cp_unquote("plain"), "plain");
  EXPECT_EQ(cp_unquote("\"x\" 'y'"), "x y");
}

TEST(Args, PositionalKeywordAndCompletion) {
  StringErrorHandler errh;
  Vector<String> conf{"10", "STOP true", "NAME \"x y\""};
  int n = 0;
  bool stop = false;
  String name;
  EXPECT_EQ(Args(conf, &errh).read_mp("N", n).read("STOP", stop).read("NAME", name).complete(), 0) << errh.str();
  EXPECT_EQ(n, 10);
  EXPECT_TRUE(stop);
  EXPECT_EQ(name, "x y");

  // values are stored only when everything parsed
  int m = 7;
  Vector<String> bad{"11", "JUNK 1"};
  EXPECT_LT(Args(bad, &errh).read_mp("M", m).complete(), 0);
  EXPECT_EQ(m, 7);
  EXPECT_NE(errh.str().find("JUNK: unknown argument"), String::npos);

  errh.clear();
  Vector<String> many{"1", "2"};
  EXPECT_LT(Args(many, &errh).read_mp("A", m).complete(), 0);
  EXPECT_NE(errh.str().find("too many arguments"), String::npos);

  errh.clear();
  Vector<String> none;
  EXPECT_LT(Args(none, &errh).read_mp("A", m).complete(), 0);
  EXPECT_NE(errh.str().find("A: required argument missing"), String::npos);

  // last keyword wins; a mandatory positional may be given by keyword
  Vector<String> kw{"LENGTH 3", "STOP false", "STOP true"};
  int len = 0;
  EXPECT_EQ(Args(kw, &errh).read_mp("LENGTH", len).read("STOP", stop).complete(), 0);
  EXPECT_EQ(len, 3);
  EXPECT_TRUE(stop);
}

TEST(Args, AddressTypes) {
  StringErrorHandler errh;
  Vector<String> conf{"10.0.0.1", "10.1.0.0/16", "00:11:22:aa:bb:cc", "1.5s", "250ms"};
  IPAddress a, p, m;
  EtherAddress e;
  Timestamp t1, t2;
  ASSERT_EQ(Args(conf, &errh).read_mp("A", a).read_mp("P", IPPrefixArg(), p, m).read_mp("E", e)
                .read_mp("T1", t1).read_mp("T2", t2).complete(), 0) << errh.str();
  EXPECT_EQ(a.unparse(), "10.0.0.1");
  EXPECT_EQ(p.unparse_with_mask(m), "10.1.0.0/16");
  EXPECT_EQ(e.unparse(), "00-11-22-AA-BB-CC");
  EXPECT_EQ(t1, Timestamp(1, 500000000));
  EXPECT_EQ(t2, Timestamp(0, 250000000));
  Vector<String> bad{"10.0.0.256"};
  EXPECT_LT(Args(bad, &errh).read_mp("A", a).complete(), 0);
}

TEST(Lexer, DeclarationsChainsAndPorts) {
  auto fc = parse_ok("// comment\n a, b :: Counter; src :: InfiniteSource(LIMIT 3)\n"
                     "src -> a [0] -> [0] b -> Discard;\n/* block\n comment */ t :: Tee; b2::Idle; t[1] -> b2;");
  ASSERT_GE(find(fc, "a"), 0);
  EXPECT_EQ(fc.elements[find(fc, "a")].class_name, "Counter");
  EXPECT_EQ(fc.elements[find(fc, "src")].config, "LIMIT 3");
  EXPECT_EQ(fc.elements[find(fc, "src")].landmark, "t.click:2");
  EXPECT_TRUE(connected(fc, "src", 0, "a", 0));
  EXPECT_TRUE(connected(fc, "a", 0, "b", 0));
  EXPECT_TRUE(connected(fc, "b", 0, "Discard@4", 0));
  EXPECT_TRUE(connected(fc, "t", 1, "b2", 0));
}

TEST(Lexer, AnonymousElementsAreNamedClassAtIndex) {
  auto fc = parse_ok("InfiniteSource -> Counter -> Discard;");
  ASSERT_EQ(fc.elements.size(), 3u);
  EXPECT_EQ(fc.elements[0].name, "InfiniteSource@1");
  EXPECT_EQ(fc.elements[1].name, "Counter@2");
  EXPECT_EQ(fc.elements[2].name, "Discard@3");
}

TEST(Lexer, CompoundsWithFormalsNestingAndPassThrough) {
  auto fc = parse_ok(
      "elementclass Inner { $n | input -> Strip($n) -> output }\n"
      "elementclass Outer { $a, $b | input [0] -> i :: Inner($a) -> [0] output; input [1] -> Inner($b) -> [1] output;"
      "  input [2] -> [2] output }\n"
      "s :: InfiniteSource; o :: Outer(14, 4); d0 :: Discard; d1 :: Discard; d2 :: Discard;\n"
      "s -> t :: Tee(3); t[0] -> [0] o [0] -> d0; t[1] -> [1] o [1] -> d1; t[2] -> [2] o [2] -> d2;");
  int inner = find(fc, "o/i/Strip@1");
  ASSERT_GE(inner, 0) << unparse_flat_config(fc);
  EXPECT_EQ(fc.elements[inner].config, "14");
  EXPECT_TRUE(connected(fc, "t", 0, "o/i/Strip@1", 0));
  EXPECT_TRUE(connected(fc, "o/i/Strip@1", 0, "d0", 0));
  int second = find(fc, "o/Inner@2/Strip@1");
  ASSERT_GE(second, 0) << unparse_flat_config(fc);
  EXPECT_EQ(fc.elements[second].config, "4");
  EXPECT_TRUE(connected(fc, "t", 2, "d2", 0));  // input[2] -> [2] output passes straight through
}

TEST(Lexer, DefineVariablesAndCommandLineOverride) {
  auto fc = parse_ok("define($N 10, $M 3); a :: Strip($N); b :: Strip(${M}); c :: Print('$N')", {{"N", "20"}});
  EXPECT_EQ(fc.elements[find(fc, "a")].config, "20");  // command line wins over define()
  EXPECT_EQ(fc.elements[find(fc, "b")].config, "3");
  EXPECT_EQ(fc.elements[find(fc, "c")].config, "'$N'");  // no expansion inside single quotes
}

TEST(Lexer, RequireAcceptsOurPackagesOnly) {
  parse_ok("require(package userlevel, ip); Idle;");
  EXPECT_NE(parse_err("require(linuxmodule); Idle;").find("t.click:1: requirement 'linuxmodule' not available"), String::npos);
}

// Click 2.1 connection forms and Click's flat output (lexer-04 of Click's suite)
TEST(Lexer, GroupsManyToManyAndChainedFlatForm) {
  auto fc = parse_ok("a, b, c :: Idle; a => b, c, [0,1] a;");
  EXPECT_TRUE(connected(fc, "a", 0, "b", 0));
  EXPECT_TRUE(connected(fc, "a", 1, "c", 0));
  EXPECT_TRUE(connected(fc, "a", 2, "a", 0));
  EXPECT_TRUE(connected(fc, "a", 3, "a", 1));
  EXPECT_EQ(unparse_flat_config(parse_ok("a, b :: Idle; a -> { -> } -> b; a [1] -> { [0] -> [0] } -> [1] b;")),
            "a :: Idle;\nb :: Idle;\n\na -> b;\na [1] -> [1] b;\n");
  EXPECT_NE(parse_err("a, b, c, d :: Idle; a [0,1] => [0,1,2] b;").find("connection mismatch: 2 outputs connected to 3 inputs"), String::npos);
  EXPECT_NE(parse_err("a, b :: Idle; a [0,1] -> [0,1] b;").find("many-to-many connections require '=>'"), String::npos);
  // an undefined $variable stays as written (Script gives it meaning), as in Click
  EXPECT_NE(unparse_flat_config(parse_ok("i :: Idle($x);")).find("Idle($x)"), String::npos);
}

TEST(Lexer, ErrorsNameFileAndLine) {
  EXPECT_NE(parse_err("Idle;\n\nx :: Bogus;").find("t.click:3: unknown element class 'Bogus'"), String::npos);
  EXPECT_NE(parse_err("a :: Idle(\n").find("unbalanced '('"), String::npos);
  EXPECT_NE(parse_err("a :: Idle(\"x);").find("unterminated quoted string"), String::npos);
  EXPECT_NE(parse_err("a :: Idle; a :: Idle;").find("redeclaration of element 'a'"), String::npos);
  EXPECT_NE(parse_err("elementclass E { $x | input -> Strip($x) -> output }\nIdle -> E(1, 2) -> Discard;")
                .find("wrong number of arguments"), String::npos);
  EXPECT_NE(parse_err("Idle -> ) ;").find("unbalanced ')'"), String::npos);
  EXPECT_NE(parse_err("elementclass E { input -> output").find("missing '}'"), String::npos);
  EXPECT_NE(parse_err("elementclass R { input -> R -> output }\nIdle -> R -> Discard;").find("nested too deeply"), String::npos);
}

TEST(Graph, PortRangeAndPushPullErrors) {
  EXPECT_NE(build_err("i :: Idle; d :: Discard;\ni -> [1] d;").find("t.click:2: 'd' has no input 1"), String::npos);
  EXPECT_NE(build_err("InfiniteSource -> Tee(1) -> Unqueue -> Discard;").find("push output 0 connected to 'Unqueue@3 :: Unqueue' pull input 0"),
            String::npos);
  EXPECT_NE(build_err("q :: Queue; InfiniteSource -> q; q -> Tee(1) -> Discard;").find("pull output 0 connected to"), String::npos);
  EXPECT_NE(build_err("InfiniteSource -> Counter;").find("output 0 unused"), String::npos);
  EXPECT_NE(build_err("t :: Tee(1); InfiniteSource -> t; t -> Discard; t -> Discard;").find("illegal reuse of"), String::npos);
}

TEST(Graph, AgnosticPortsResolveLikeClick) {
  StringErrorHandler errh;
  auto r = Router::make("s :: InfiniteSource(LIMIT 5, STOP true) -> q :: Queue -> c :: Counter -> u :: Unqueue -> d :: Discard;",
                        "t.click", {}, &errh);
  ASSERT_TRUE(r) << errh.str();
  Element* c = r->find("c");
  EXPECT_TRUE(c->input_is_pull(0));
  EXPECT_TRUE(c->output_is_pull(0));
  EXPECT_TRUE(r->find("s")->output_is_push(0));
  r->run();
  String v;
  ASSERT_EQ(r->handler_read("c.count", v, &errh), 0);
  EXPECT_EQ(v, "5");
}

TEST(Router, HandlersInProcess) {
  StringErrorHandler errh;
  auto r = Router::make("src :: InfiniteSource(LIMIT 3, STOP true) -> c :: Counter -> Discard;", "t.click", {}, &errh);
  ASSERT_TRUE(r) << errh.str();
  r->run();
  String v;
  EXPECT_EQ(r->handler_read("c.count", v, &errh), 0);
  EXPECT_EQ(v, "3");
  EXPECT_EQ(r->handler_read("c.class", v, &errh), 0);
  EXPECT_EQ(v, "Counter");
  EXPECT_EQ(r->handler_read("src.config", v, &errh), 0);
  EXPECT_EQ(v, "LIMIT 3, STOP true");
  EXPECT_EQ(r->handler_read("list", v, &errh), 0);
  EXPECT_EQ(v, "3\nsrc\nc\nDiscard@3\n");
  EXPECT_EQ(r->handler_read("version", v, &errh), 0);
  EXPECT_EQ(r->handler_write("c.reset", "", &errh), 0);
  EXPECT_EQ(r->handler_read("c.count", v, &errh), 0);
  EXPECT_EQ(v, "0");
  EXPECT_LT(r->handler_read("nosuch.count", v, &errh), 0);
  EXPECT_LT(r->handler_read("c.nosuch", v, &errh), 0);
  EXPECT_LT(r->handler_write("c.count", "1", &errh), 0);
  EXPECT_EQ(r->handler_read("flatconfig", v, &errh), 0);
  EXPECT_NE(v.find("src :: InfiniteSource(LIMIT 3, STOP true);"), String::npos);
  EXPECT_NE(v.find("src [0] -> [0] c;"), String::npos);  // the handler; -o prints Click's chains (unparse_flat_config)
}

// Random mutations of valid configurations must give errors or routers, never crash
// (run under ASan/UBSan in parser_asan_test).
TEST(Lexer, MutatedConfigurationsNeverCrash) {
  const char* seeds[] = {
      "elementclass A { $x | input -> Strip($x) -> [0] output; input[1] -> [1]output }\n"
      "define($L 14) s :: InfiniteSource(\"ab\\n\", LIMIT 2, STOP true) -> a :: A($L) -> Discard; a[1] -> Discard; Idle -> [1]a;",
      "c :: Counter; InfiniteSource(LIMIT 1, STOP true) -> c -> { input -> Null -> output } -> Discard; // x\n/* y */",
      "q :: Queue(3); InfiniteSource(LIMIT 4, STOP true) -> q -> Unqueue -> Paint(3) -> Discard; DriverManager(wait_stop, stop)",
  };
  const char alphabet[] = "(){}[],;:->$\"'/*\\ \nabcQ01|.";
  std::mt19937 rng(12345);
  for (const char* s : seeds) {
    for (int iter = 0; iter < 300; ++iter) {
      String t = s;
      int edits = 1 + int(rng() % 4);
      for (int e = 0; e < edits && !t.empty(); ++e) {
        size_t pos = rng() % t.size();
        switch (rng() % 3) {
          case 0: t.erase(pos, 1 + rng() % 3); break;
          case 1: t.insert(pos, 1, alphabet[rng() % (sizeof alphabet - 1)]); break;
          default: t[pos] = alphabet[rng() % (sizeof alphabet - 1)]; break;
        }
      }
      StringErrorHandler errh;
      auto r = Router::make(t, "fuzz.click", {}, &errh);
      if (r) {
        for (int k = 0; k < 50 && r->run_once(false); ++k) {}
      } else {
        EXPECT_FALSE(errh.str().empty()) << "failure without a message for: " << t;
      }
    }
  }
}

TEST(Lexer, ConnectionGroupsKeepNamesAndPairPorts) {
  // "( ... )": an anonymous compound whose named elements keep their names;
  // "=>" pairs the group's inputs and outputs port by port
  auto fc = parse_ok("s :: Tee(2); s => ( [0] -> c :: Counter -> [0]; [1] -> [1] ) => r :: RoundRobinSched -> Discard;");
  ASSERT_GE(find(fc, "c"), 0) << unparse_flat_config(fc);
  EXPECT_TRUE(connected(fc, "s", 0, "c", 0));
  EXPECT_TRUE(connected(fc, "c", 0, "r", 0));
  EXPECT_TRUE(connected(fc, "s", 1, "r", 1));   // [1] -> [1] passes straight through
  // two groups' anonymous elements do not collide
  auto fc2 = parse_ok("( Idle -> [0]; ) -> a :: Discard; ( Idle -> [0]; ) -> b :: Discard;");
  EXPECT_EQ(fc2.elements.size(), 4u) << unparse_flat_config(fc2);
  EXPECT_NE(parse_err("s :: Tee(2); s => ( [0] -> Counter -> [0]; ").find("unbalanced"), String::npos);
}

TEST(Lexer, LineDirectivesRenameLandmarks) {
  auto fc = parse_ok("a :: Idle;\n# 100 \"foobar.click\"\nb :: Idle;\nm :: Message(\n# 7 \"x.click\"\n\"hi\");\nc :: Idle;");
  EXPECT_EQ(fc.elements[find(fc, "a")].landmark, "t.click:1");
  EXPECT_EQ(fc.elements[find(fc, "b")].landmark, "foobar.click:100");
  EXPECT_EQ(fc.elements[find(fc, "m")].config.find('#'), String::npos);   // the directive is not configuration
  EXPECT_EQ(fc.elements[find(fc, "c")].landmark, "x.click:8");
  EXPECT_NE(parse_err("a :: Idle;\n# 41 \"other.click\"\na :: Idle;").find("other.click:41: redeclaration"), String::npos);
}

TEST(Lexer, CompoundFormalsAreLexicallyScoped) {
  auto fc = parse_ok(
      "elementclass Foo { $a | elementclass Bar { $b | x :: Strip($a); } elementclass Baz { $a | Bar($a); } Baz(99); }\n"
      "Foo(14);");
  ASSERT_EQ(fc.elements.size(), 1u) << unparse_flat_config(fc);
  EXPECT_EQ(fc.elements[0].config, "14");   // Foo's $a, where Bar was defined; not Baz's
}

TEST(Lexer, IndexedVariables) {
  auto fc = parse_ok("elementclass Bar { $a, $n | input -> x :: Strip(${a[$n]}) -> y :: Strip(${a[1]}) -> z :: Strip(x${a[9]}) -> output }\n"
                     "Idle -> b :: Bar(10 20 30, 2) -> Discard;");
  EXPECT_EQ(fc.elements[find(fc, "b/x")].config, "30");
  EXPECT_EQ(fc.elements[find(fc, "b/y")].config, "20");
  EXPECT_EQ(fc.elements[find(fc, "b/z")].config, "x");   // past the end: empty
}
