import pytest
from django.core.exceptions import ValidationError

from eoffice.organisation.models import validate_organ_id


@pytest.mark.parametrize("value", ["000.00.00.H30", "000.00.04.G14", "H26", "A1.B2"])
def test_it_accepts_dot_separated_groups(value):
    validate_organ_id(value)


@pytest.mark.parametrize("value", ["000.00.00.h30", "000..00", ".H30", "H30.", "000-00", "Đ01", "1" * 36])
def test_it_refuses_malformed_identifiers(value):
    with pytest.raises(ValidationError):
        validate_organ_id(value)
