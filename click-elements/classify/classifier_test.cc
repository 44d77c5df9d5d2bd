// classifier_test.cc -- Click's Classifier pattern language.
#include "program.hh"
#include "test_support.hh"

#include <gtest/gtest.h>

namespace netserv::classify {
namespace {

using test::Bytes;

int classify(const std::vector<std::string>& patterns, const Bytes& pkt) {
    Program p;
    std::string err;
    EXPECT_TRUE(compile_classifier(patterns, p, err)) << err;
    return p.match(PacketView{pkt.data(), uint32_t(pkt.size()), -1});
}

Bytes frame(uint16_t ethertype, std::initializer_list<uint8_t> rest = {}) {
    Bytes b(14, 0);
    b[12] = uint8_t(ethertype >> 8);
    b[13] = uint8_t(ethertype);
    for (uint8_t x : rest)
        b.push_back(x);
    return b;
}

TEST(ClassifierLanguage, ClickDocumentationExample) {
    const std::vector<std::string> pats = {"12/0806 20/0001", "12/0806 20/0002", "12/0800", "-"};
    EXPECT_EQ(classify(pats, frame(0x0806, {0, 1, 8, 0, 6, 4, 0, 1})), 0);
    EXPECT_EQ(classify(pats, frame(0x0806, {0, 1, 8, 0, 6, 4, 0, 2})), 1);
    EXPECT_EQ(classify(pats, frame(0x0806, {0, 1, 8, 0, 6, 4, 0, 3})), 3);
    EXPECT_EQ(classify(pats, frame(0x0800)), 2);
    EXPECT_EQ(classify(pats, frame(0x86dd)), 3);
    Program p;
    std::string err;
    ASSERT_TRUE(compile_classifier(pats, p, err));
    EXPECT_EQ(p.unparse(),
              " 0  12/08060000%ffff0000  yes->step 1  no->step 3\n"
              " 1  20/00010000%ffff0000  yes->[0]  no->step 2\n"
              " 2  20/00020000%ffff0000  yes->[1]  no->[3]\n"
              " 3  12/08000000%ffff0000  yes->[2]  no->[3]\n"
              "safe length 22\n"
              "alignment offset 0\n");
}

TEST(ClassifierLanguage, MasksWildcardsNegationUnalignedOffsets) {
    Bytes f = frame(0x0800, {0x45, 0x00, 0x00, 0x54, 0x12, 0x34});
    EXPECT_EQ(classify({"14/4?"}, f), 0);
    EXPECT_EQ(classify({"14/?5"}, f), 0);
    EXPECT_EQ(classify({"14/46"}, f), -1);
    EXPECT_EQ(classify({"14/40%f0"}, f), 0);
    EXPECT_EQ(classify({"14/4f%f0"}, f), 0);   // value bits outside the mask are ignored
    EXPECT_EQ(classify({"!12/0806"}, f), 0);
    EXPECT_EQ(classify({"! 12/0800"}, f), -1);
    EXPECT_EQ(classify({"13/00450000"}, f), 0);   // spans two words
    EXPECT_EQ(classify({"17/541234"}, f), 0);
    EXPECT_EQ(classify({"12/0800 !18/1235"}, f), 0);
    EXPECT_EQ(classify({"12/0800 !18/1234", "-"}, f), 1);
    EXPECT_EQ(classify({"12/0800", "12/0800"}, f), 0);
    EXPECT_EQ(classify({"12/0800%FFFF"}, f), 0);
}

TEST(ClassifierLanguage, ShortPacketsFailTheirTests) {
    EXPECT_EQ(classify({"12/0800", "-"}, Bytes(13, 0)), 1);
    EXPECT_EQ(classify({"!12/0800", "-"}, Bytes(13, 0)), 0);   // negation of a failed test
    EXPECT_EQ(classify({"12/08", "-"}, Bytes{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8}), 0);
    EXPECT_EQ(classify({"-"}, Bytes()), 0);
}

TEST(ClassifierLanguage, BadPatterns) {
    const std::pair<std::string, std::string> cases[] = {
        {"x/08", "pattern 0: expected a digit"},
        {"12", "pattern 0: expected '/'"},
        {"12/0", "pattern 0: value has less than 2 hex digits"},
        {"12/080", "pattern 0: value has odd number of hex digits"},
        {"12/0800%ff", "pattern 0: mask has too few hex digits"},
        {"12/08%ffff", "pattern 0: mask has too many hex digits"},
        {"!", "pattern 0: expected a digit"},
        {"99999999999/00", "pattern 0: offset too large"},
    };
    for (const auto& [pattern, error] : cases) {
        Program p;
        Diagnostics d;
        EXPECT_FALSE(compile_classifier({pattern}, p, d)) << pattern;
        ASSERT_FALSE(d.errors.empty()) << pattern;
        EXPECT_EQ(d.errors[0], error) << pattern;
    }
    Program p;
    Diagnostics d;
    EXPECT_FALSE(compile_classifier({"12/0800", "zz"}, p, d));
    EXPECT_EQ(d.joined_errors(), "pattern 1: expected a digit");
}

TEST(ClassifierLanguage, UnusedOutputWarning) {
    Program p;
    Diagnostics d;
    ASSERT_TRUE(compile_classifier({"12/0800", "12/0800 14/45", "-"}, p, d));
    ASSERT_EQ(d.warnings.size(), 1u);
    EXPECT_EQ(d.warnings[0], "output 1 matches no packets");
}

TEST(ClassifierLanguage, ManyValuesUseBinarySearch) {
    std::vector<std::string> pats;
    for (int i = 0; i < 40; ++i) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "12/%04x", 0x1000 + 7 * i);
        pats.push_back(buf);
    }
    pats.push_back("-");
    Program p;
    std::string err;
    ASSERT_TRUE(compile_classifier(pats, p, err)) << err;
    for (int t = 0x0F00; t < 0x1200; ++t) {
        Bytes f = frame(uint16_t(t));
        int want = (t >= 0x1000 && (t - 0x1000) % 7 == 0 && (t - 0x1000) / 7 < 40) ? (t - 0x1000) / 7 : 40;
        ASSERT_EQ(p.match(PacketView{f.data(), uint32_t(f.size()), -1}), want) << t;
    }
}

}  // namespace
}  // namespace netserv::classify
