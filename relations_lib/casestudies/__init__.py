"""Case studies: one subpackage per study, holding what belongs to it alone (its tables, its
defaults). The general library (everything outside casestudies/) never imports a case study."""
