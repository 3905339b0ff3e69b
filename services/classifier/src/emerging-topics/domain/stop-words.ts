/**
 * Words that never make a key term: English function words, the auxiliaries and contractions
 * (apostrophes dropped, as the tokeniser drops them), and the pleasantries and generic words of
 * support mail that say nothing about what the problem is ("hi", "thanks", "issue", "please help").
 * Compact on purpose: a word missing here that is common everywhere is also cancelled by the
 * baseline comparison; this list only keeps the obvious ones out of labels and bigrams.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `
a about above after again against all almost also although always am among an and another any anyone
anything anyway anywhere are around as at away back be became because become been before being below
between both but by can cannot could did do does doing done down during each either else enough even
ever every everything few for from further get gets getting got gotten had has have having he her here
hers herself him himself his how however i if in into is it its itself just least less let like
likely made make makes many may maybe me might mine more most much must my myself near neither never
no nor not now of off often on once one only onto or other others otherwise our ours ourselves out
over own per perhaps quite rather really same several shall she should since so some somebody someone
something sometimes somewhat still such than that the their theirs them themselves then there these
they thing things this those though through thus till to together too toward towards under unless
until up upon us use used using very via was way we well were what whatever when whenever where
whereas wherever whether which while who whoever whom whose why will with within without would yet
you your yours yourself yourselves

aint arent cant couldnt didnt doesnt dont hadnt hasnt havent hed hell hes id ill im isnt itd itll
ive lets mightnt mustnt neednt shant shed shell shes shouldnt thats theres theyd theyll theyre theyve
wasnt wed well were werent weve whats whos wont wouldnt youd youll youre youve

yes ok okay oh hi hello hey dear thanks thank thx cheers regards kind best sincerely greetings please
pls sorry appreciate appreciated advance asap

able already want wanted wants need needed needs try tried trying know let see seem seems seemed
go going goes went come came tell told ask asked say said look looking day days today yesterday
tomorrow week weeks time times morning evening
issue issues problem problems question questions help helping support team customer hope
`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
