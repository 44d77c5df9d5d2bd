// -*- c++ -*-
#ifndef NETSERV_RANDOMSEED_HH
#define NETSERV_RANDOMSEED_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
RandomSeed([SEED])
=s control
sets the random seed
=d
Seeds the random numbers elements draw (click_random: the C library's random(), as userlevel Click) with SEED, so a configuration that draws them (for example a rewriter pattern choosing a random port) behaves the same way on every run, and the same way as Click with that seed. Without SEED, seeds from a truly random source. RandomSeed is configured before other elements. (Each configuration starts from a truly random seed anyway.)
=h seed write-only
Reseeds: with an integer, to that value; with an empty argument, to a truly random value.
=a Script
*/
class RandomSeed : public Element {
 public:
  const char* class_name() const override { return "RandomSeed"; }
  int configure_phase() const override { return CONFIGURE_PHASE_FIRST; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;

 private:
  static int reseed(const String& text, ErrorHandler* errh);
};
CLICK_ENDDECLS
#endif
