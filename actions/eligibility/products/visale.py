"""Garantie Visale (VIS-*): at least one public (A, B, C, D, E), then housing and timing rules."""
from __future__ import annotations

from ..formatting import format_percent
from ..logic import all_of, any_of, T, F, U, O
from .common import F0, ACTIVITY_LABELS, ALTERNANCE_CONTRACTS, EPIC_NOTE, add_months, eur, format_date, resources, resources_lower_bound, stated_unless

ZONE_LABELS = {"I": "zone I (Île-de-France)", "II": "zone II", "III": "zone III"}


def _caps_text(caps):
    return " / ".join(f"{eur(caps[z])} en {ZONE_LABELS[z]}" for z in ("I", "II", "III"))


def share(ratio):
    """French words for a share of the resources: 0.5 -> 'la moitié', 0.33 -> '33 %'."""
    return "la moitié" if ratio == 0.5 else format_percent(round(ratio * 100, 2))


def _minor(c, age, major):
    """VIS-A for a minor: an emancipated minor may sign a lease; a non-emancipated minor may start
    the visa request from 17 years and 10 months, the lease being signed on the day of majority."""
    p = c.p
    if age < c.v("age_min_emancipation"):
        return F("VIS-A", f"Vous avez {age} ans : la garantie s'adresse aux personnes majeures ou émancipées (règle VIS-A)")
    em = p["emancipated"]
    if em:
        return T("VIS-A", f"Vous avez {age} ans et êtes émancipé(e) : vous pouvez vous engager comme une personne majeure (visale.fr)")
    months = c.v("visale_mineur_demande_mois")
    if em is None:  # stated, not asked: both routes are said (visale.fr FAQ)
        soon = f" ; sinon, la demande de visa peut commencer {months} mois avant vos {major} ans, le bail se signant à votre majorité" \
            if age >= major - 1 else ""
        return O("VIS-A", f"Vous avez {age} ans : la garantie est ouverte aux mineurs émancipés (sur justificatif){soon} (à vérifier sur visale.fr)")
    if age < major - 1:
        return F("VIS-A", f"Vous avez {age} ans et n'êtes pas émancipé(e) : la demande de visa n'est possible que dans les {months} mois avant vos {major} ans (règle VIS-A)")
    soon = p["majority_soon"]
    if soon is None:
        return O("VIS-A", f"Vous avez {age} ans et n'êtes pas émancipé(e) : la demande de visa peut commencer {months} mois avant vos {major} ans, le bail se signant à votre majorité (à vérifier sur visale.fr)")
    if not soon:
        return F("VIS-A", f"Vous n'êtes pas émancipé(e) : la demande de visa ne peut commencer que {months} mois avant vos {major} ans (règle VIS-A)")
    return T("VIS-A", f"Vous aurez {major} ans dans moins de {months} mois : vous pouvez commencer la demande de visa (visale.fr)",
             conditions=f"Le bail ne pourra être signé qu'à partir du jour de vos {major} ans")


def _age_a(c):
    age = c.p["age"]
    if age is None:
        return U("VIS-A", ("age",))
    amax = c.v("visale_age_max")
    major = c.v("age_majorite")
    if major <= age <= amax:
        return T("VIS-A", f"Vous avez {age} ans : la garantie est ouverte aux {major}-{amax} ans inclus, quelle que soit votre situation")
    if age < major:
        return _minor(c, age, major)
    return F("VIS-A", f"Vous avez {age} ans : la voie « jeunes » est réservée aux {major} à {amax} ans inclus (règle VIS-A)")


def _alternance(c):
    """Is the person in alternance? An apprentice may be described as ``alternant`` or as a
    ``salarie`` on a contrat d'apprentissage / de professionnalisation: both count. None when a
    salarié's contract is unknown (it could be an alternance contract)."""
    act, contract = c.p["activity"], c.p["contract"]
    if act == "alternant":
        return True
    if act == "salarie":
        if contract is None:
            return None
        return contract in ALTERNANCE_CONTRACTS
    return False


def _dwelling_young(c):
    dw = c.p["dwelling"]
    if dw is None or dw in ("prive", "foyer", "residence_etudiante"):
        return T(conditions=None if dw else "Le logement doit être dans le parc privé ou une résidence collective (logement social : seulement pour les étudiants et alternants)")
    act = c.p["activity"]  # social housing
    if act is None:
        return U("VIS-L2", ("activity",))
    alt = _alternance(c)
    if act == "etudiant" or alt:
        return T("VIS-L2", "Un logement social est accepté pour les étudiants et les alternants")
    if alt is None:
        return U("VIS-L2", ("contract",))
    return F("VIS-L2", f"Avant {c.v('visale_age_max') + 1} ans, un logement social n'est couvert que pour les étudiants et les alternants (règle VIS-L2)")


def _effort(c, student):
    """VIS-L5 (50 % of resources) or VIS-L6 (students: no resource check under the student cap)."""
    p = c.p
    rent = p["rent"]
    zone = p["zone"]
    ratio = c.v("visale_taux_effort_max")
    half = share(ratio)
    when = c.period("visale_plafond_loyer_etudiant")
    if rent is None:
        if student:
            scaps = c.v("visale_plafond_loyer_etudiant")
            cap = eur(scaps[zone]) if zone else _caps_text(scaps)
            return T(conditions=f"Sans condition de ressources si le loyer charges comprises ne dépasse pas {cap}{when} ; au-delà, il ne doit pas dépasser {half} de vos ressources")
        return T(conditions=f"Le loyer charges comprises ne doit pas dépasser {half} des ressources de votre foyer")
    if student is None:  # activity unknown: decide only if both readings agree
        a, b = _effort(c, True), _effort(c, False)
        if a.state == b.state and a.state in (0, 1):
            return a
        return U(("VIS-L5", "VIS-L6"), ("activity",) if p["activity"] is None else ("contract",))
    res = resources(p)
    if student:
        scaps = c.v("visale_plafond_loyer_etudiant")
        if zone is None:
            if rent <= min(scaps.values()):
                return T("VIS-L6", f"Votre loyer ({eur(rent)}) est sous le plafond étudiant : pas de condition de ressources")
            return U("VIS-L6", ("zone",))
        published = c.v("visale_etudiant_second_palier_publie")
        if rent <= scaps[zone]:
            return T("VIS-L6", f"Votre loyer ({eur(rent)}) ne dépasse pas le plafond étudiant de la {ZONE_LABELS[zone]} ({eur(scaps[zone])}{when}) : pas de condition de ressources")
        if res is None:
            low = resources_lower_bound(c)
            if low is not None and rent <= ratio * low and published:
                return T("VIS-L6", f"Votre loyer ne dépasse pas {half} de vos ressources (d'après votre salaire brut)")
            return U("VIS-L6", ("monthly_resources",))
        if rent > ratio * res:
            return F("VIS-L6", f"Votre loyer ({eur(rent)}) dépasse le plafond étudiant ({eur(scaps[zone])}{when}) et {half} de vos ressources ({eur(res)}) (règle VIS-L6)")
        if not published:
            return O("VIS-L6", f"Votre loyer ({eur(rent)}) dépasse le plafond étudiant ({eur(scaps[zone])}{when}) : depuis cette réforme, la règle au-delà de ce plafond n'est pas publiée dans un texte officiel (point ouvert : à vérifier sur visale.fr)")
        return T("VIS-L6", f"Votre loyer dépasse le plafond étudiant mais ne dépasse pas {half} de vos ressources ({eur(res)})")
    if res is None:
        low = resources_lower_bound(c)
        if low is not None and rent <= ratio * low:
            return T("VIS-L5", f"Votre loyer ({eur(rent)}) ne dépasse pas {half} de vos ressources (votre salaire brut est de {eur(p['gross_monthly_salary'])})")
        return U("VIS-L5", ("monthly_resources",))
    if rent > ratio * res:
        return F("VIS-L5", f"Votre loyer ({eur(rent)}) dépasse {half} de vos ressources ({eur(res)}), soit {eur(round(ratio * res, 2))} (règle VIS-L5)")
    return T("VIS-L5", f"Votre loyer ({eur(rent)}) ne dépasse pas {half} de vos ressources ({eur(res)})")


def _student(c):
    act = c.p["activity"]
    if act is None:
        return None
    age = c.p["age"]
    if act == "etudiant":
        return True
    young = age is not None and age < c.v("visale_age_max")  # SP: alternants « de moins de 30 ans »
    alt = _alternance(c)
    if alt is None:  # salarié, contract unknown: decided only when both readings agree
        return None if young else False
    return alt and young


def _path_a(c):
    return all_of(_age_a(c), _dwelling_young(c), _effort(c, _student(c)))


def _within(d, start, months):
    """True when the request date ``d`` is at most ``months`` months after ``start`` (or before it)."""
    return d <= add_months(start, months)


def _b1(c):
    p = c.p
    start = p["job_start_date"]
    if start is None:
        date_v = U("VIS-B1", ("job_start_date",))
    elif _within(c.d, start, c.v("visale_delais_mois")["prise_de_fonction"]):
        date_v = T("VIS-B1", f"Votre contrat a commencé le {format_date(start)} : la demande est possible dans les {c.v('visale_delais_mois')['prise_de_fonction']} mois")
    else:
        date_v = F0("VIS-B1")
    contract = p["contract"]
    if contract is None:
        ct = U("VIS-B1", ("contract",))
    elif contract == "cdi":
        conf = p["cdi_confirmed"]
        if conf is None:
            ct = U("VIS-B1", ("cdi_confirmed",))
        elif conf:
            ct = F0("VIS-B1")
        else:
            ct = T("VIS-B1", "Votre CDI est en période d'essai")
    elif contract == "stage":
        ct = F0("VIS-B1")
    else:
        ct = T()
    return all_of(date_v, ct)


def _b2(c):
    net = c.p["net_monthly_salary"]
    cap = c.v("visale_plafond_salaire_net_plus_30")
    if cap is None:  # path opened on 2021-06-04
        return F0("VIS-B2")
    when = c.period("visale_plafond_salaire_net_plus_30")
    if net is None:
        g = c.p["gross_monthly_salary"]
        if g is not None and g <= cap:
            return T("VIS-B2", f"Votre salaire brut ({eur(g)}), donc aussi votre salaire net, ne dépasse pas le plafond de {eur(cap)} net par mois{when}")
        return U("VIS-B2", ("net_monthly_salary",))
    if net <= cap:
        return T("VIS-B2", f"Votre salaire net ({eur(net)}) ne dépasse pas le plafond de {eur(cap)} par mois{when}")
    return F("VIS-B2", f"Votre salaire net ({eur(net)}) dépasse le plafond de {eur(cap)} par mois{when} (règle VIS-B2)")


def _b3(c):
    m = c.p["mutation_date"]
    if m is None:
        return U("VIS-B3", ("mutation_date",))
    if m is False:
        return F0("VIS-B3")
    n = c.v("visale_delais_mois")["mutation"]
    if _within(c.d, m, n):
        return T("VIS-B3", f"Vous avez été muté(e) le {format_date(m)} : la demande est possible dans les {n} mois")
    return F0("VIS-B3")


def _b4(c):
    d = c.p["job_promise_start_date"]
    if d is None:
        return U("VIS-B4", ("job_promise_start_date",))
    if d is False:
        return F0("VIS-B4")
    n = c.v("visale_delais_mois")["promesse"]
    if c.d <= d <= add_months(c.d, n):
        return T("VIS-B4", f"Vous avez une promesse d'embauche pour le {format_date(d)}, dans moins de {n} mois")
    return F0("VIS-B4")


def _b_employee(c):
    p = c.p
    act = p["activity"]
    if act is None:
        return U("VIS-B", ("activity",))
    if act not in ("salarie", "alternant"):
        return F("VIS-B", f"Après {c.v('visale_age_max')} ans, la garantie est réservée aux salariés du secteur privé ou agricole ; vous êtes {ACTIVITY_LABELS[act]} (règle VIS-B)")
    sector = p["employer_sector"]
    if sector is None:
        return U("VIS-B", ("employer_sector",))
    if sector in ("public",):
        return F("VIS-B", f"Après {c.v('visale_age_max')} ans, la garantie n'est pas ouverte aux agents d'un employeur public (règle VIS-B)")
    if sector == "epic":
        return O("VIS-B", f"Après {c.v('visale_age_max')} ans, la garantie vise les salariés « d'une entreprise du secteur privé ou du secteur agricole » (visale.fr) : un EPIC est {EPIC_NOTE}, mais visale.fr ne le cite pas (à vérifier sur visale.fr)")
    return T("VIS-B", "Vous êtes salarié(e) du secteur privé")


def _dwelling_b(c):
    dw = c.p["dwelling"]
    alt = _alternance(c)
    if alt:
        return T()
    if dw is None:
        return T(conditions=f"Après {c.v('visale_age_max')} ans, le logement doit être dans le parc privé (pas un logement social)")
    if dw == "prive":
        return T("VIS-L2", "Le logement est dans le parc privé")
    if alt is None:  # an alternant over 30 may live in any type of dwelling
        return U("VIS-L2", ("contract",))
    return F("VIS-L2", f"Après {c.v('visale_age_max')} ans, la garantie ne couvre que les logements du parc privé pour les salariés : pas un logement social, un foyer ou une résidence (règle VIS-L2)")


def _path_b5(c):
    """VIS-B5: over 30, a student or intern with a salaried activity, in the parc privé only."""
    p = c.p
    if p["activity"] != "etudiant" and p["contract"] != "stage":
        return F0("VIS-B5")
    job = p["salaried_activity"]
    if job is None and ((p["net_monthly_salary"] or 0) > 0 or (p["gross_monthly_salary"] or 0) > 0):
        job = True
    if job is None:
        job_v = U("VIS-B5", ("salaried_activity",))
    elif job:
        job_v = T("VIS-B5", f"Après {c.v('visale_age_max')} ans, un étudiant ou un stagiaire qui exerce une activité salariée en parallèle est éligible (visale.fr)")
    else:
        job_v = F("VIS-B5", f"Après {c.v('visale_age_max')} ans, un étudiant ou un stagiaire n'est éligible que s'il exerce une activité salariée en parallèle (règle VIS-B5)")
    dw = p["dwelling"]
    if dw is None:
        dw_v = T(conditions=f"Après {c.v('visale_age_max')} ans, pour un étudiant ou un stagiaire, le logement doit être dans le parc privé")
    elif dw == "prive":
        dw_v = T("VIS-B5", "Le logement est dans le parc privé")
    else:
        dw_v = F("VIS-B5", f"Après {c.v('visale_age_max')} ans, un étudiant ou un stagiaire n'est couvert que dans le parc privé (règle VIS-B5)")
    return all_of(job_v, dw_v, _effort(c, _student(c)))


def _path_b(c):
    age = c.p["age"]
    if age is None:
        age_v = U("VIS-B", ("age",))
    elif age > c.v("visale_age_max"):
        age_v = T()
    else:
        return F0("VIS-B")
    if c.p["activity"] == "etudiant" or c.p["contract"] == "stage" and c.p["activity"] not in ("salarie", "alternant"):
        return all_of(age_v, _path_b5(c))
    alt = T("VIS-B", "Vous êtes alternant(e) du secteur privé ou agricole") if _alternance(c) else F0(None)
    employee = all_of(_b_employee(c), any_of(alt, _b1(c), _b2(c), _b3(c)))
    public = any_of(employee, _b4(c))
    if public.state == 0 and not public.reasons:
        dl = c.v("visale_delais_mois")
        public = F("VIS-B", f"Après {c.v('visale_age_max')} ans, il faut une embauche de moins de {dl['prise_de_fonction']} mois ou une mutation de moins de {dl['mutation']} mois, un salaire net sous le plafond ou une promesse d'embauche (règles VIS-B1 à VIS-B4)")
    return all_of(age_v, public, _dwelling_b(c), _effort(c, False))


def _flag(c, field, rule, reason):
    v = c.p[field]
    if v is None:
        return U(rule, (field,))
    return T(rule, reason) if v else F0(rule)


def _path_e(c):
    if not c.v("visale_saisonniers_debut"):
        return F0("VIS-E")
    p = c.p
    contract = p["contract"]
    act = p["activity"]
    checks = []
    if act is not None and act not in ("salarie", "alternant"):
        # not working now: only a seasonal job promise starting within 3 months
        prom = p["job_promise_start_date"]
        if prom is False or (prom is not None and not (c.d <= prom <= add_months(c.d, c.v("visale_delais_mois")["promesse"]))):
            return F0("VIS-E")
        if prom is None:
            checks.append(U("VIS-E", ("job_promise_start_date",)))
            if contract is None:  # the promised contract is asked once the promise is known
                contract = "saisonnier"
    if contract is None:
        ct = U("VIS-E", ("contract",))
    elif contract == "saisonnier":
        ct = T("VIS-E", "Vous avez un contrat de travail saisonnier")
    else:
        return F0("VIS-E")
    age = p["age"]
    if age is None:
        age_v = U("VIS-E", ("age",))
    elif age >= c.v("age_majorite"):
        age_v = T()
    else:
        return F0("VIS-E")
    checks += [ct, age_v, _effort(c, False)]
    caps = c.v("visale_plafond_loyer_saisonnier")
    if caps:  # 2024-2025 rules for seasonal workers
        rent, zone = p["rent"], p["zone"]
        checks.append(T(conditions="Votre résidence principale doit être hors du bassin d'emploi du poste saisonnier"))
        if rent is None:
            checks.append(T(conditions=f"Loyer au plus {_caps_text(caps)}"))
        elif zone is None:
            checks.append(T() if rent <= min(caps.values()) else (F("VIS-E", f"Loyer {eur(rent)} au-dessus du plafond saisonnier (règle VIS-E)") if rent > max(caps.values()) else U("VIS-E", ("zone",))))
        elif rent > caps[zone]:
            checks.append(F("VIS-E", f"Votre loyer ({eur(rent)}) dépasse le plafond saisonnier de {eur(caps[zone])} (règle VIS-E)"))
    return all_of(*checks)


def _rent_cap(c):
    p = c.p
    caps = c.v("visale_plafond_loyer")
    when = c.period("visale_plafond_loyer")
    rent, zone = p["rent"], p["zone"]
    if rent is None:
        cap = f"{eur(caps[zone])} en {ZONE_LABELS[zone]}" if zone else _caps_text(caps)
        return T(conditions=f"Loyer charges comprises au plus {cap}{when}")
    if zone is None:
        if rent <= min(caps.values()):
            return T("VIS-L4", f"Votre loyer ({eur(rent)}) est sous le plafond de toutes les zones")
        if rent > max(caps.values()):
            return F("VIS-L4", f"Votre loyer ({eur(rent)}) dépasse le plafond de la garantie, même en Île-de-France ({eur(max(caps.values()))}) (règle VIS-L4)")
        return U("VIS-L4", ("zone",))
    if rent <= caps[zone]:
        return T("VIS-L4", f"Votre loyer ({eur(rent)}) ne dépasse pas le plafond de la {ZONE_LABELS[zone]} ({eur(caps[zone])}{when})")
    return F("VIS-L4", f"Votre loyer ({eur(rent)}) dépasse le plafond de {eur(caps[zone])} en {ZONE_LABELS[zone]}{when} (règle VIS-L4)")


def _family(c):
    return stated_unless(c, "landlord_is_family", "VIS-L3",
                         "Le propriétaire ne doit pas être un parent, un grand-parent ou un enfant",
                         "Le propriétaire est un membre de votre famille : la garantie Visale ne s'applique pas (règle VIS-L3)")


def _timing(c):
    p = c.p
    signed = p["lease_signed"]
    moved_in = signed is None and p["move_in_date"] is not None and p["move_in_date"] <= c.d
    if signed or moved_in:  # a person who has already moved in has signed the lease
        visa = p["visale_visa_obtained"]
        if visa:
            return T("VIS-T", "Vous aviez obtenu le visa Visale avant de signer le bail")
        if visa is False:
            return F("VIS-T", "Le bail est déjà signé sans visa Visale : le visa doit être obtenu avant la signature (règle VIS-T). La garantie reste possible pour un prochain bail")
        already = (f"Vous êtes entré(e) dans le logement le {format_date(p['move_in_date'])}, le bail est donc déjà signé"
                   if moved_in else "Le bail est déjà signé")
        return U("VIS-T", ("visale_visa_obtained",),
                 f"{already} : la garantie ne s'applique que si vous aviez obtenu le visa Visale avant de signer (règle VIS-T)")
    return T(conditions=f"Obtenir le visa Visale avant de signer le bail (demande sur visale.fr, réponse sous {c.v('visale_delai_reponse_heures')} h environ)")


def evaluate(c):
    relevance = c.project_is({"louer"}, "VIS-L1", "la garantie Visale concerne la location d'un logement")
    pc = F0("VIS-C") if c.p["dwelling"] == "social" else _flag(c, "bail_mobilite", "VIS-C", "Votre bail est un bail mobilité : la garantie est ouverte à tout âge")
    pd = _flag(c, "iml", "VIS-D", "Vous êtes logé(e) par un organisme d'intermédiation locative : la garantie est ouverte à tout âge")
    public = any_of(_path_a(c), _path_b(c), pc, pd, _path_e(c))
    if public.state == 0 and not public.reasons:  # every path failed without a word of its own
        public = F("VIS-A", "Votre situation ne correspond à aucun des publics de la garantie Visale (règle VIS-A)")
    return all_of(relevance, public, _family(c), _rent_cap(c), _timing(c),
                  T(conditions="Le logement doit être votre résidence principale (sauf bail mobilité), décent, loué vide ou meublé"))


def coverage_text(c):
    """What the guarantee covers at the request date (visale_couverture), with the date of the
    2026 change when it applies."""
    cov = c.v("visale_couverture")
    when = c.period("visale_couverture")
    if cov["per_occupancy"]:
        years = cov["months"] // 12
        text = (f"Caution gratuite : loyers et charges impayés pendant les {years} premières années d'occupation du logement"
                f" ({cov['months']} mois, parc privé){when} ; une nouvelle demande est nécessaire ensuite si vous êtes toujours éligible")
    else:
        text = f"Caution gratuite : jusqu'à {cov['months']} mensualités de loyers et charges impayés sur toute la durée du bail (parc privé){when}"
    text += f" ; {cov['social_months']} mensualités pour un logement social ou une résidence étudiante loué à un étudiant"
    if cov["seasonal_months"]:
        text += f" ; {cov['seasonal_months']} premiers mois d'occupation pour un travailleur saisonnier"
    text += f" ; dégradations locatives jusqu'à {cov['damage_months']} mois de loyer"
    if c.v("visale_cohabitation_intergenerationnelle"):
        text += (f" ; le contrat de cohabitation intergénérationnelle solidaire est aussi accepté{c.period('visale_cohabitation_intergenerationnelle')}"
                 " (à titre expérimental, conditions à vérifier sur visale.fr)")
    return text


def amount(c, v):
    return {"currency": "EUR", "text": coverage_text(c)}
