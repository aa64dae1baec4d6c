"""The supervisor LangGraph: intent classifier, clarifier, tool executor, response generator."""
