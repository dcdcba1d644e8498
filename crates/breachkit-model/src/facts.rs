//! Small fact types and the curated code lists of the incident model.

use crate::codes::code_list;

/// A fact that may be unknown: yes, no, or not (yet) known.
///
/// The engine never treats `unknown` as yes or no; it asks the question instead.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Debug,
    Default,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Tristate {
    /// Known to be true.
    Yes,
    /// Known to be false.
    No,
    /// Not known.
    #[default]
    Unknown,
}

impl Tristate {
    /// Kleene "or": yes if either is yes, no if both are no, else unknown.
    pub fn or(self, other: Tristate) -> Tristate {
        match (self, other) {
            (Tristate::Yes, _) | (_, Tristate::Yes) => Tristate::Yes,
            (Tristate::No, Tristate::No) => Tristate::No,
            _ => Tristate::Unknown,
        }
    }
    /// Kleene "and": no if either is no, yes if both are yes, else unknown.
    pub fn and(self, other: Tristate) -> Tristate {
        match (self, other) {
            (Tristate::No, _) | (_, Tristate::No) => Tristate::No,
            (Tristate::Yes, Tristate::Yes) => Tristate::Yes,
            _ => Tristate::Unknown,
        }
    }
    /// Negation; unknown stays unknown.
    pub fn negate(self) -> Tristate {
        match self {
            Tristate::Yes => Tristate::No,
            Tristate::No => Tristate::Yes,
            Tristate::Unknown => Tristate::Unknown,
        }
    }
    /// From a known boolean.
    pub fn from_bool(b: bool) -> Tristate {
        if b { Tristate::Yes } else { Tristate::No }
    }
    /// The wire code.
    pub fn code(self) -> &'static str {
        match self {
            Tristate::Yes => "yes",
            Tristate::No => "no",
            Tristate::Unknown => "unknown",
        }
    }
}

/// Whether data was taken out of the organisation's control.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Debug,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Exfiltration {
    /// Confirmed (for example the data was published on a leak site).
    Confirmed,
    /// Suspected but not confirmed.
    Suspected,
    /// Investigated and no evidence found.
    NoneFound,
    /// Not known.
    #[default]
    Unknown,
}

/// The security property the breach compromised (EDPB Guidelines 9/2022 §I.B).
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Debug,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Nature {
    /// Unauthorised or accidental disclosure of, or access to, data (漏えい).
    Confidentiality,
    /// Unauthorised or accidental alteration of data (毀損).
    Integrity,
    /// Accidental or unauthorised loss of access to, or destruction of, data (滅失).
    Availability,
}

/// The state of encryption of the affected data.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Debug,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EncryptionState {
    /// Not encrypted.
    None,
    /// Some of the affected data was encrypted, some not.
    Partial,
    /// All affected data was encrypted.
    Full,
    /// Not known.
    #[default]
    Unknown,
}

/// The risk a breach poses to the people affected, as the controller assessed it.
///
/// GDPR Arts 33 and 34 turn on this assessment ("unlikely to result in a risk", "likely to result
/// in a high risk"). breachkit computes an advisory level from the facts; a value here is read as
/// a recorded decision without justification, author or date — prefer `/breach/decisions`.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Debug,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RiskLevel {
    /// Not assessed yet.
    #[default]
    Unknown,
    /// Unlikely to result in a risk.
    Unlikely,
    /// A risk, but not a high one.
    Risk,
    /// Likely to result in a high risk.
    High,
}

/// Whether a measure has been taken or is planned.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Debug,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MeasureStatus {
    /// Done.
    #[default]
    Taken,
    /// Under way.
    InProgress,
    /// Planned (the seed's "future actions").
    Planned,
}

/// A role an organisation has for a processing of personal data.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Debug,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// Decides purposes and means (GDPR controller; APPI 個人情報取扱事業者 handling its own data).
    Controller,
    /// Processes on behalf of a controller (GDPR processor; APPI entrusted party 委託先; HIPAA
    /// business associate handling a covered entity's PHI).
    Processor,
    /// Decides purposes and means jointly with another (GDPR Art. 26).
    JointController,
}

code_list! {
    /// A data element, from a curated taxonomy that maps onto the classes laws use.
    ///
    /// The mapping to legal classes (GDPR Art. 9/10, APPI 要配慮個人情報, HIPAA PHI, US-state
    /// "name in combination with" elements) lives in the rules crate, as data.
    pub enum DataCategory {
        /// Full or partial name.
        Name => "name",
        /// Postal (home) address.
        PostalAddress => "postal_address",
        /// Personal email address.
        EmailAddress => "email_address",
        /// Personal telephone number.
        PhoneNumber => "phone_number",
        /// Date of birth.
        DateOfBirth => "date_of_birth",
        /// Sex or gender.
        Gender => "gender",
        /// Nationality.
        Nationality => "nationality",
        /// Photograph or facial image.
        Photograph => "photograph",
        /// Japan's Individual Number (マイナンバー).
        MyNumber => "my_number",
        /// US Social Security number.
        SocialSecurityNumber => "social_security_number",
        /// Passport number.
        PassportNumber => "passport_number",
        /// Driver's licence number.
        DriversLicenceNumber => "drivers_licence_number",
        /// Another national or state identification number.
        NationalIdNumber => "national_id_number",
        /// Taxpayer identification number.
        TaxIdNumber => "tax_id_number",
        /// Bank or other financial account number.
        FinancialAccountNumber => "financial_account_number",
        /// Security code, access code or password giving access to a financial account.
        FinancialAccountAccessCode => "financial_account_access_code",
        /// Payment card number (PAN).
        PaymentCardNumber => "payment_card_number",
        /// Card security code (CVV/CVC) or PIN.
        PaymentCardSecurityCode => "payment_card_security_code",
        /// Payment card expiry date.
        PaymentCardExpiry => "payment_card_expiry",
        /// Username or email address together with a password or security question.
        Credentials => "credentials",
        /// Credentials of a service with payment or remittance functions (online banking, wallets).
        PaymentServiceCredentials => "payment_service_credentials",
        /// Credit history or credit score.
        CreditHistory => "credit_history",
        /// Income, salary or other financial circumstances.
        FinancialInformation => "financial_information",
        /// Health, medical history, diagnoses, treatment, medical test results.
        HealthMedical => "health_medical",
        /// Health insurance policy or subscriber number.
        HealthInsurance => "health_insurance",
        /// Medical record number or other identifier assigned by a health-care provider.
        MedicalRecordNumber => "medical_record_number",
        /// Genetic data.
        Genetic => "genetic",
        /// Biometric data used to identify a person (fingerprint, face template).
        Biometric => "biometric",
        /// Racial or ethnic origin.
        RacialEthnicOrigin => "racial_ethnic_origin",
        /// Religious or philosophical beliefs (APPI 信条).
        ReligiousPhilosophicalBeliefs => "religious_philosophical_beliefs",
        /// Political opinions.
        PoliticalOpinions => "political_opinions",
        /// Trade-union membership.
        TradeUnionMembership => "trade_union_membership",
        /// Sex life or sexual orientation.
        SexLifeOrientation => "sex_life_orientation",
        /// Criminal convictions, offences or records (APPI 犯罪の経歴).
        CriminalRecord => "criminal_record",
        /// The fact of having been the victim of a crime (APPI 犯罪により害を被った事実).
        CrimeVictim => "crime_victim",
        /// Physical, intellectual or mental disability.
        Disability => "disability",
        /// Social status (APPI 社会的身分: for example descent or place of origin).
        SocialStatus => "social_status",
        /// Criminal procedure facts (arrest, search, prosecution).
        CriminalProcedure => "criminal_procedure",
        /// Employment and personnel information (position, evaluations, payroll).
        EmploymentRecord => "employment_record",
        /// Job title.
        JobTitle => "job_title",
        /// The organisation a person works for.
        OrganisationAffiliation => "organisation_affiliation",
        /// Work contact details (business address, phone, email).
        BusinessContactDetails => "business_contact_details",
        /// Educational background.
        Education => "education",
        /// Precise location data.
        Location => "location",
        /// Online identifier (IP address, cookie ID, device ID, account ID).
        OnlineIdentifier => "online_identifier",
        /// Purchase or transaction history.
        PurchaseHistory => "purchase_history",
        /// Communications content (emails, messages).
        CommunicationsContent => "communications_content",
        /// Data about children specifically (use together with the other categories).
        ChildrensData => "childrens_data",
        /// Signature (handwritten or its image).
        Signature => "signature",
    }
}

code_list! {
    /// The cause or vector of a breach.
    pub enum Cause {
        /// Ransomware.
        Ransomware => "ransomware",
        /// Other malware.
        Malware => "malware",
        /// Unauthorised access by an outside party (hacking).
        UnauthorisedAccess => "unauthorised_access",
        /// Phishing.
        Phishing => "phishing",
        /// Credential stuffing or brute force.
        CredentialAttack => "credential_attack",
        /// Exploitation of a software vulnerability.
        VulnerabilityExploit => "vulnerability_exploit",
        /// Compromise of a supplier or service provider.
        SupplyChain => "supply_chain",
        /// Skimming of web forms or payment pages.
        WebSkimming => "web_skimming",
        /// Misdelivery: mail, email or fax sent to the wrong recipient.
        Misdelivery => "misdelivery",
        /// A device or media lost.
        LostDevice => "lost_device",
        /// A device or media stolen.
        StolenDevice => "stolen_device",
        /// Paper records lost or stolen.
        PaperRecords => "paper_records",
        /// Misuse by an insider.
        InsiderMisuse => "insider_misuse",
        /// An employee's error.
        EmployeeError => "employee_error",
        /// Misconfiguration (for example a public cloud bucket).
        Misconfiguration => "misconfiguration",
        /// Improper disposal.
        ImproperDisposal => "improper_disposal",
        /// Social engineering other than phishing.
        SocialEngineering => "social_engineering",
        /// Denial of service.
        DenialOfService => "denial_of_service",
        /// Not known yet.
        Unknown => "unknown",
    }
}

code_list! {
    /// A sector whose law cares (HIPAA, financial, telecom, critical infrastructure, ...).
    pub enum Sector {
        /// HIPAA covered entity (health plan, clearing house, provider that bills electronically).
        HipaaCoveredEntity => "hipaa_covered_entity",
        /// HIPAA business associate.
        HipaaBusinessAssociate => "hipaa_business_associate",
        /// Health care.
        Healthcare => "healthcare",
        /// Financial services (banks, insurers, investment firms).
        Financial => "financial",
        /// Telecommunications (Japan: 電気通信事業者).
        Telecom => "telecom",
        /// Critical infrastructure.
        CriticalInfrastructure => "critical_infrastructure",
        /// Public sector body.
        Public => "public",
        /// Education.
        Education => "education",
        /// Retail and consumer goods.
        Retail => "retail",
        /// Manufacturing.
        Manufacturing => "manufacturing",
        /// Listed on a stock exchange (securities disclosure rules).
        Listed => "listed",
        /// Energy (NIS2 Annex I).
        Energy => "energy",
        /// Transport (NIS2 Annex I).
        Transport => "transport",
        /// Financial market infrastructure (NIS2 Annex I).
        FinancialMarketInfrastructure => "financial_market_infrastructure",
        /// Drinking water (NIS2 Annex I).
        DrinkingWater => "drinking_water",
        /// Waste water (NIS2 Annex I).
        WasteWater => "waste_water",
        /// Digital infrastructure: IXPs, DNS, TLD registries, cloud, data centres, CDNs, trust
        /// services, public electronic communications (NIS2 Annex I).
        DigitalInfrastructure => "digital_infrastructure",
        /// ICT service management, business to business (NIS2 Annex I).
        IctServiceManagement => "ict_service_management",
        /// Space (NIS2 Annex I).
        Space => "space",
        /// Postal and courier services (NIS2 Annex II).
        Postal => "postal",
        /// Waste management (NIS2 Annex II).
        WasteManagement => "waste_management",
        /// Chemicals (NIS2 Annex II).
        Chemicals => "chemicals",
        /// Food production, processing and distribution (NIS2 Annex II).
        Food => "food",
        /// Digital providers: marketplaces, search engines, social networks (NIS2 Annex II).
        DigitalProviders => "digital_providers",
        /// Research organisations (NIS2 Annex II).
        Research => "research",
    }
}

/// The size class of an enterprise (Commission Recommendation 2003/361/EC), read by NIS2.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Debug,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    /// Fewer than 10 staff and at most EUR 2 million turnover or balance sheet.
    Micro,
    /// Fewer than 50 staff and at most EUR 10 million turnover or balance sheet.
    Small,
    /// Fewer than 250 staff and at most EUR 50 million turnover or EUR 43 million balance sheet.
    Medium,
    /// Above the medium ceilings.
    Large,
}

impl SizeClass {
    /// Snake-case code.
    pub fn code(self) -> &'static str {
        match self {
            SizeClass::Micro => "micro",
            SizeClass::Small => "small",
            SizeClass::Medium => "medium",
            SizeClass::Large => "large",
        }
    }
}

code_list! {
    /// The kind of people in an affected group.
    pub enum GroupKind {
        /// Customers or consumers.
        Customers => "customers",
        /// Current employees.
        Employees => "employees",
        /// Former employees.
        FormerEmployees => "former_employees",
        /// Current and former employees together.
        CurrentAndFormerEmployees => "current_and_former_employees",
        /// Applicants for employment.
        JobApplicants => "job_applicants",
        /// Contacts at business partners (取引先).
        BusinessContacts => "business_contacts",
        /// Patients.
        Patients => "patients",
        /// Health-plan members.
        PlanMembers => "plan_members",
        /// Students.
        Students => "students",
        /// Children.
        Children => "children",
        /// Users of an online service.
        Users => "users",
        /// Members of an association.
        Members => "members",
        /// Shareholders.
        Shareholders => "shareholders",
    }
}

code_list! {
    /// A kind of measure taken or planned.
    pub enum MeasureKind {
        /// Isolating systems, blocking external communication.
        Isolation => "isolation",
        /// Emergency response team set up.
        ResponseTeam => "response_team",
        /// Outside experts engaged.
        ExternalExperts => "external_experts",
        /// Forensic investigation.
        Investigation => "investigation",
        /// Endpoint detection and response deployed.
        Edr => "edr",
        /// Multi-factor authentication.
        Mfa => "mfa",
        /// Passwords reset.
        PasswordReset => "password_reset",
        /// Systems restored from clean backups.
        SystemRestoration => "system_restoration",
        /// Review of IT operations and vulnerabilities.
        VulnerabilityReview => "vulnerability_review",
        /// Security and monitoring strengthened.
        MonitoringEnhancement => "monitoring_enhancement",
        /// Governance strengthened.
        Governance => "governance",
        /// Business continuity plan reviewed.
        BcpReview => "bcp_review",
        /// Third-party assessment.
        ThirdPartyAssessment => "third_party_assessment",
        /// Scope of the breach being identified.
        ScopeIdentification => "scope_identification",
        /// Root cause being assessed.
        RootCauseAnalysis => "root_cause_analysis",
        /// Credit monitoring or identity protection offered.
        CreditMonitoring => "credit_monitoring",
        /// Call centre or inquiry desk opened.
        InquiryDesk => "inquiry_desk",
        /// Staff training.
        Training => "training",
        /// Monitoring the dark web or leak sites.
        LeakMonitoring => "leak_monitoring",
        /// Data deleted or recovered from an unintended recipient.
        DataRecovery => "data_recovery",
    }
}

code_list! {
    /// The kind of a timeline event.
    pub enum EventKind {
        /// The incident started or occurred.
        Occurred => "occurred",
        /// The organisation detected something (not yet aware of a personal-data breach).
        Detected => "detected",
        /// The organisation became aware of a personal-data breach (clocks start here).
        Aware => "aware",
        /// The incident escalated or changed nature (the seed: access later turned into ransomware).
        Escalated => "escalated",
        /// The breach was contained.
        Contained => "contained",
        /// An investigation started.
        InvestigationStarted => "investigation_started",
        /// The investigation concluded.
        InvestigationConcluded => "investigation_concluded",
        /// The scope (who and what) was determined.
        ScopeDetermined => "scope_determined",
        /// Availability of systems or data was restored.
        Restored => "restored",
        /// The attacker published or offered the data.
        DataPublished => "data_published",
        /// Law enforcement asked for notification to be delayed.
        LawEnforcementDelayRequested => "law_enforcement_delay_requested",
        /// A law-enforcement delay ended.
        LawEnforcementDelayEnded => "law_enforcement_delay_ended",
        /// The processor / entrusted party informed the controller / entrustor.
        ControllerInformed => "controller_informed",
        /// A ransom demand was received.
        RansomDemand => "ransom_demand",
    }
}

code_list! {
    /// The kind of recipient of a report or notice.
    pub enum RecipientKind {
        /// A data-protection or sector regulator.
        Regulator => "regulator",
        /// Police or another law-enforcement body.
        Police => "police",
        /// The affected people themselves.
        Individuals => "individuals",
        /// The public (announcements, website notices).
        Public => "public",
        /// The media (HIPAA 164.406).
        Media => "media",
        /// The controller or entrustor a processor works for.
        Controller => "controller",
        /// Consumer reporting agencies.
        CreditBureaus => "credit_bureaus",
        /// A CERT or CSIRT.
        Csirt => "csirt",
        /// An insurer.
        Insurer => "insurer",
        /// A stock exchange or securities regulator.
        SecuritiesRegulator => "securities_regulator",
        /// The organisation's own breach register (GDPR Art. 33(5): every breach is documented,
        /// notified or not).
        InternalRecord => "internal_record",
        /// The organisation itself (an internal assessment or record the law requires).
        Internal => "internal",
    }
}

code_list! {
    /// The kind of a report or notice made.
    pub enum ReportKind {
        /// A first, preliminary report (PPC 速報; GDPR initial notification).
        Preliminary => "preliminary",
        /// The final report (PPC 確報).
        Final => "final",
        /// One report serving as both preliminary and final.
        Complete => "complete",
        /// An update or supplement.
        Update => "update",
        /// A notice to individuals.
        Notice => "notice",
        /// A public announcement (numbered as a series).
        Announcement => "announcement",
        /// A report of a crime or a consultation with police.
        CrimeReport => "crime_report",
        /// A report whose stage the source does not state.
        Unspecified => "unspecified",
        /// An internal assessment the law requires (Australia s 26WH, Singapore s 26C).
        Assessment => "assessment",
        /// An entry in the breach record or register the law requires (PIPEDA s 10.3).
        Record => "record",
    }
}

code_list! {
    /// The kind of a contact point.
    pub enum ContactKind {
        /// Email address.
        Email => "email",
        /// Web form.
        WebForm => "web_form",
        /// Web page.
        Url => "url",
        /// Telephone (include toll-free where the law asks for it).
        Phone => "phone",
        /// Postal address.
        Postal => "postal",
    }
}
