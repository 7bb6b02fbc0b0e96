"""PII is found by value, never by column name."""

from __future__ import annotations

import pandas as pd
import pytest
from faker import Faker

from synth.profile import profile_table
from synth.profile.pii import detect_pii, is_cn_resident_id, is_credit_card, is_ip_address, is_phone

# Published examples: the GB 11643-1999 standard's sample ID numbers, and the card issuers'
# documented test numbers. Their validity is known independently of our code.
VALID_CN_IDS = ["11010519491231002X", "440524188001010014"]
VALID_CARDS = ["4111111111111111", "5500 0000 0000 0004", "378282246310005", "6011-1111-1111-1117"]


@pytest.fixture(scope="module")
def fake():
    Faker.seed(7)
    return {"en": Faker("en_US"), "zh": Faker("zh_CN")}


def test_published_chinese_ids_pass_and_a_wrong_check_digit_fails():
    wrong = [VALID_CN_IDS[0][:-1] + "1", VALID_CN_IDS[1][:-1] + "5"]
    assert is_cn_resident_id(pd.Series(VALID_CN_IDS + wrong)).tolist() == [True, True, False, False]


def test_published_test_cards_pass_luhn_and_altered_ones_fail():
    altered = ["4111111111111112", "5500000000000005"]
    assert is_credit_card(pd.Series(VALID_CARDS + altered)).tolist() == [True] * 4 + [False] * 2


def test_chinese_id_column_under_a_neutral_name(fake):
    ids = [fake["zh"].ssn() for _ in range(300)] + VALID_CN_IDS
    frame = pd.DataFrame({"c1": ids, "n": range(len(ids))})
    assert profile_table(frame).pii_columns() == {"c1": "cn_resident_id"}


def test_random_18_digit_numbers_are_not_chinese_ids():
    # One in eleven random strings has a right check digit; the column share stays far below.
    digits = pd.Series([f"{110105194912310000 + 7919 * i:018d}" for i in range(300)])
    assert detect_pii(digits) is None


def test_luhn_valid_cards(fake):
    cards = pd.Series([fake["en"].credit_card_number() for _ in range(300)] + VALID_CARDS)
    assert detect_pii(cards) == "credit_card"


def test_emails_under_a_misleading_name_are_pii():
    frame = pd.DataFrame(
        {
            "c3": [f"user{i}@example.org" for i in range(50)],
            "email": [f"category {i % 4}" for i in range(50)],
        }
    )
    profile = profile_table(frame)
    assert profile.column("c3").pii == "email"
    assert profile.column("email").pii is None
    assert profile.pii_columns() == {"c3": "email"}


def test_chinese_mobiles_as_text_and_as_numbers(fake):
    numbers = [fake["zh"].phone_number() for _ in range(200)]
    assert detect_pii(pd.Series(numbers)) == "phone"
    # A CSV reader turns them into integers; they are still phone numbers.
    assert detect_pii(pd.Series([int(n) for n in numbers])) == "phone"
    with_gaps = pd.Series([float(n) for n in numbers] + [None] * 5)
    assert detect_pii(with_gaps) == "phone"


def test_formatted_phone_numbers():
    values = pd.Series(
        ["(212) 555-0187", "+1 415-555-0132", "650.555.0199", "+44 20 7946 0958", "138-1234-5678"]
    )
    assert is_phone(values).all()
    assert not is_phone(pd.Series(["2013-08-14", "192.168.0.1", "12:30:45", "5551234567"])).any()


def test_ip_addresses(fake):
    values = pd.Series([fake["en"].ipv4() for _ in range(100)] + [fake["en"].ipv6() for _ in range(100)])
    assert is_ip_address(values).all()
    assert detect_pii(values) == "ip_address"
    assert not is_ip_address(pd.Series(["256.1.1.1", "12:30:45", "1.2.3"])).any()


def test_person_names_latin_and_chinese(fake):
    assert detect_pii(pd.Series([fake["en"].name() for _ in range(200)])) == "person_name"
    assert detect_pii(pd.Series([fake["zh"].name() for _ in range(200)])) == "person_name"


def test_few_surname_like_categories_are_not_names():
    colour = pd.Series(["White", "Black", "Brown", "White", "Black"] * 100)
    assert detect_pii(colour) is None


def test_ordinary_columns_are_not_pii():
    frame = pd.DataFrame(
        {
            "age": range(20, 70),
            "score": [i / 7 for i in range(50)],
            "label": ["yes", "no"] * 25,
            "city": ["Paris", "Rome", "Oslo", "Lima", "Kyiv"] * 10,
        }
    )
    assert profile_table(frame).pii_columns() == {}


def test_detection_uses_only_a_sample_and_tolerates_a_few_non_matching_values():
    values = [f"person{i}@mail.example.com" for i in range(10_000)]
    values[::10] = ["n/a-ish"] * len(values[::10])  # 10% junk
    assert detect_pii(pd.Series(values)) == "email"
