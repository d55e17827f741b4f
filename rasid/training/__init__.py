"""Training of the shipped models (`make models`); needs the `train` extra (scikit-learn), never at run time."""
