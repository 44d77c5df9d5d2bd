// HANDLERS: w/c.count w/in/s.length
// Compound classes: keyword formal, nested compound, input -> output pass-through.
elementclass StripN { LEN $n | input -> s :: Strip($n) -> output }
elementclass Wrap { $len |
  input -> t :: Tee(2);
  t[0] -> c :: Counter -> in :: StripN(LEN $len) -> [0] output;
  t[1] -> [1] output;
}
FromDump(in.pcap, STOP true) -> w :: Wrap(14);
w[0] -> ToDump(o0.pcap);
w[1] -> ToDump(o1.pcap);
