"""Official list files (OFAC, the Consolidated Screening List, BIS) to typed records and dated law facts."""
