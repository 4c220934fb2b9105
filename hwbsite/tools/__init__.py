"""What writes into the record for officers: `hwbsite new` (scaffold) and importers from other systems
(Fingertips indicators, ModernGov committees).

Each writes only what `hwbsite validate` accepts, records where every record came from, and lists for an
officer what it could not know.
"""
