"""The case both server test modules send: the XPSB, which meets EO 13818 sec. 1(a)(ii)(A) on 2020-07-09."""

CASE = """use glomag

case xpsb_2020 "Xinjiang Public Security Bureau" as of 2020-07-09
  entity xpsb "Xinjiang Public Security Bureau".
  act detentions "mass arbitrary detention and severe physical abuse".
  xpsb is a foreign person.
  xpsb engaged in detentions.
  detentions is serious human rights abuse.
  expect meets_criteria(xpsb) under eo13818_1_a_ii_A.
"""
