"""The models, loaded once per process and shared by the stages: spaCy, MiniLM (ONNX, no torch), Recognizers-Text;
and sentence similarity built on them."""
