Idle -> Classifier(12/0806 20/0001, 12/0800, -) => (Discard; Discard; Discard); require(package "netserv");
