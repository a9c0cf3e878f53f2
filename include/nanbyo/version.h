#ifndef NANBYO_VERSION_H
#define NANBYO_VERSION_H
#define NB_PROGRAM "nanbyo-survey"
#define NB_VERSION "0.1.0"
#endif
