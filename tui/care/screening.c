#include "care/screening.h"
#include "base/i18n.h"

#include <string.h>

/* The questions of the fact sheet's screening table, in its order. The
 * reasons say why a practitioner wants to know; whether to treat is the
 * practitioner's decision, never needlecare's. */
const struct screening_question screening_questions[] = {
	{"pregnant", N_("Are you pregnant or breastfeeding?"),
	 N_("microneedling devices are not meant for use during pregnancy or while "
	    "breastfeeding")},
	{"isotretinoin", N_("Are you taking isotretinoin, or have you taken it in "
	    "the last 6 months?"),
	 N_("isotretinoin changes how skin heals, and experts disagree on how long "
	    "to wait after it")},
	{"cold-sores", N_("Have you ever had cold sores (facial herpes)?"),
	 N_("needling can wake up the cold-sore virus: your practitioner may "
	    "prescribe a preventive antiviral to start before the session")},
	{"bleeding-disorder", N_("Do you have a bleeding or clotting disorder?"),
	 N_("needling makes tiny wounds, and a bleeding disorder changes whether and "
	    "how that is safe")},
	{"blood-thinners", N_("Do you take a prescribed blood thinner (such as "
	    "warfarin, a DOAC, clopidogrel or daily aspirin)?"),
	 N_("you may bleed and bruise more; never stop a prescribed blood thinner on "
	    "your own: your practitioner and prescriber decide together")},
	{"keloids", N_("Do you get keloids or raised, thick scars?"),
	 N_("skin that forms raised scars can react to needling with new ones")},
	{"skin-problem-now", N_("Is there active acne, an infection, an open wound, "
	    "sunburn or a rash on the area right now?"),
	 N_("treating over irritated or infected skin can spread or worsen it: the "
	    "session may need a new date")},
	{"skin-condition", N_("Do you have eczema, psoriasis, rosacea or vitiligo "
	    "on or near the area?"),
	 N_("needling can make these flare or spread to the treated skin")},
	{"autoimmune", N_("Do you have an autoimmune or connective-tissue disease "
	    "(such as lupus or scleroderma), or take medicine that weakens the "
	    "immune system?"),
	 N_("these can slow healing and raise the risk of infection")},
	{"cancer-treatment", N_("Are you having, or have you recently had, "
	    "chemotherapy, radiotherapy on the area, or high-dose steroids?"),
	 N_("these treatments change how skin heals for months")},
	{"diabetes", N_("Do you have diabetes that is not well controlled, or "
	    "wounds that heal poorly?"),
	 N_("slow healing raises the risk of infection and scarring")},
	{"allergy", N_("Are you allergic to numbing creams (such as lidocaine), "
	    "stainless steel or nickel?"),
	 N_("the needles and the numbing cream could cause a reaction")},
	{"moles", N_("Is there skin cancer, a suspicious or raised mole, or warts "
	    "on the area?"),
	 N_("these are not needled over, and a suspicious mole should be checked "
	    "first")},
	{"recent-procedure", N_("Have you had filler, anti-wrinkle injections, a "
	    "peel, laser or surgery on the area recently?"),
	 N_("treatments too close together leave the skin too little time to "
	    "recover")},
	{"tattoo", N_("Is there a tattoo or permanent makeup on the area?"),
	 N_("tattooed skin is usually not needled over")},
	{"implant", N_("For radiofrequency microneedling: do you have a pacemaker, "
	    "another implanted electronic device, or metal implants in the area?"),
	 N_("radiofrequency energy and implants need the practitioner's judgement")},
	{"darker-skin", N_("Is your skin naturally darker (types IV to VI), or do "
	    "you get melasma?"),
	 N_("darker skin is more prone to dark patches after treatment: gentler "
	    "settings and strict sun protection help")},
	{"under-22", N_("Are you under 22?"),
	 N_("the devices are authorised for adults aged 22 and over")},
	{"blood-count", N_("For PRP: do you have a low platelet count or anaemia?"),
	 N_("PRP is made from your own blood, so a low platelet count or anaemia "
	    "can change whether it suits you")},
};

const size_t screening_count =
	sizeof screening_questions / sizeof screening_questions[0];

const struct screening_question *screening_find(const char *name)
{
	for (size_t i = 0; i < screening_count; i++)
		if (strcmp(screening_questions[i].name, name) == 0)
			return &screening_questions[i];
	return NULL;
}
