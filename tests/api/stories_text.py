"""Short articles written for these tests: two reports of one bridge collapse that disagree on the toll."""

HERALD = ("Police in Riverton said on Monday that 30 people were killed when the old bridge collapsed into the "
          "river during the morning rush. Rescue teams searched the water overnight, the fire service said. "
          "Mayor Anna Berg said: \"We are devastated, and we will rebuild.\" The bridge had been closed for repairs "
          "in 2019.")
DAILY = ("Officials in Riverton said on Monday that 12 people were killed when the old bridge collapsed into the "
         "river. Rescue teams searched the water overnight. Engineers had warned about cracks in the pillars, "
         "the regional council said on Tuesday. The mayor, Anna Berg, said the city would rebuild the bridge.")
