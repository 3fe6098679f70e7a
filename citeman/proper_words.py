"""Words that keep their capital in a sentence-case title, whoever wrote them.

Proper adjectives and the eponyms of science (APA 7 6.14-6.16): "American",
"Gaussian", "Raman scattering", "Hall effect". They are shipped as a list
because one library rarely shows them often enough to be learnt from it; the
title-case rule also learns the library's own proper nouns from its
sentence-case titles. Words that are also common English words (May, March,
Green, Stark) are left out. Chemical element symbols (``Si``, ``Au``) keep their
capital too, except the ones that are English words (In, As, At, Be, He, No).
"""

from __future__ import annotations

PROPER: frozenset[str] = frozenset(
    """
    african american americans columbian arab arabic asian atlantic australian austrian
    belgian brazilian british canadian caribbean chinese christian dutch english
    european finnish french german greek hispanic indian irish islamic italian
    japanese jewish korean latin latino mediterranean mexican muslim nordic
    norwegian pacific polish portuguese roman russian scandinavian scottish spanish
    swedish swiss turkish welsh arctic antarctic africa america asia australia
    europe britain england scotland wales ireland china japan india germany france
    italy spain russia canada brazil mexico sweden norway denmark finland
    netherlands switzerland austria poland korea london paris berlin tokyo
    california texas january february april june july september october november
    december monday tuesday wednesday thursday friday saturday sunday gaussian
    bayesian markov markovian fourier laplace laplacian hamiltonian lagrangian
    hermitian newtonian euclidean riemannian hilbert banach cartesian boolean
    poisson bernoulli brownian boltzmann maxwell maxwellian lorentz lorentzian
    coulomb debye dirac fermi bose einstein heisenberg schrodinger schrödinger
    pauli planck raman rayleigh bragg hall zeeman kerr faraday josephson kondo mott
    hubbard ising heisenberg landau ginzburg bardeen anderson auger mössbauer
    mossbauer rashba dresselhaus weyl majorana dirac fano purcell förster forster
    kohn sham hartree fock monte carlo waals darwin darwinian mendelian freudian
    marxist victorian keynesian turing nash pareto gini kalman wiener hopf fresnel
    snell huygens doppler arrhenius langmuir michaelis menten lewis kelvin celsius
    fahrenheit joule newton ampère ampere volta ohm watt hertz tesla weber gauss
    """.split()  # noqa: SIM905
)

#: Element symbols of two letters; the ones that are English words are left out.
ELEMENTS: frozenset[str] = frozenset(
    """
    He Li Ne Na Mg Al Si Cl Ar Ca Sc Ti Cr Mn Fe Co Ni Cu Zn Ga Ge Se Br Kr Rb Sr
    Zr Nb Mo Tc Ru Rh Pd Ag Cd Sn Sb Te Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho
    Er Tm Yb Lu Hf Ta Re Os Ir Pt Au Hg Tl Pb Bi Po Rn Fr Ra Ac Th Pa Np Pu Cm Bk
    Cf Es Fm Md Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og
    """.split()  # noqa: SIM905
) - {"He", "Co", "Re", "Ra", "Po", "Pa", "Am"}
