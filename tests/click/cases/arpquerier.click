// HANDLERS: q.queries q.length q.count
src :: FromDump(in.pcap, STOP true) -> c :: Classifier(12/0800, 12/0806 20/0002, -);
c[0] -> Strip(14) -> CheckIPHeader -> q :: ARPQuerier(10.1.0.1, 00:11:22:33:44:55) -> ToDump(o0.pcap);
c[1] -> [1] q;
c[2] -> Discard;
