"""Stories in a stream: grouping articles into stories as they arrive (`grouping`), and watching feeds."""
