"""Places: the gazetteer, names, countries, provinces and organisations -> cities."""
